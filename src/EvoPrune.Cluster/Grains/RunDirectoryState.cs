namespace EvoPrune.Cluster.Grains;

/// <summary>The persisted state of <see cref="RunDirectoryGrain"/>: the active run ids, in ordinal order.</summary>
[GenerateSerializer, Alias("evoprune.run-directory-state")]
public sealed class RunDirectoryState
{
    [Id(0)]
    public List<string> Active { get; set; } = [];
}
