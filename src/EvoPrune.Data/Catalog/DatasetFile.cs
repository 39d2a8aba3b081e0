namespace EvoPrune.Data.Catalog;

/// <summary>One file of a located dataset, for listings.</summary>
/// <param name="Role">What the file is: "train-images", "test-labels", "train", "test", ...</param>
/// <param name="Path">The full path.</param>
/// <param name="Bytes">The file size on disk (compressed size for gzip files).</param>
/// <param name="SampleCount">Samples in the file when cheap to know (IDX header, line count), else null.</param>
public sealed record DatasetFile(string Role, string Path, long Bytes, int? SampleCount);
