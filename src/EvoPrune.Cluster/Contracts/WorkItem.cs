namespace EvoPrune.Cluster.Contracts;

/// <summary>One evaluation to do: a genome of a run's generation. <see cref="Attempt"/> counts leases handed out.</summary>
[GenerateSerializer, Alias("evoprune.work-item")]
public sealed record WorkItem(
    [property: Id(0)] string RunId,
    [property: Id(1)] int Generation,
    [property: Id(2)] GenomeRecord Genome,
    [property: Id(3)] int Attempt);
