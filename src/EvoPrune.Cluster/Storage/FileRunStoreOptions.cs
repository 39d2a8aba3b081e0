namespace EvoPrune.Cluster.Storage;

/// <summary>Settings of the file run store.</summary>
public sealed class FileRunStoreOptions
{
    public const string DefaultRoot = "populations";

    /// <summary>The folder holding one sub-folder per run.</summary>
    public string Root { get; set; } = DefaultRoot;
}
