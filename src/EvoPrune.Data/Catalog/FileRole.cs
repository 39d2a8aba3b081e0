namespace EvoPrune.Data.Catalog;

/// <summary>A file a dataset needs: its role and the accepted file names, in order of preference.</summary>
internal sealed record FileRole(string Role, IReadOnlyList<string> Names);
