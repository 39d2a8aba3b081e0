namespace EvoPrune.Data.Catalog;

/// <summary>A dataset located on disk: its folder and the resolved path of each role.</summary>
internal sealed record LocatedDataset(string Directory, IReadOnlyDictionary<string, string> Files);
