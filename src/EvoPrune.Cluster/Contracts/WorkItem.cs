namespace EvoPrune.Cluster.Contracts;

/// <summary>One evaluation to do: a genome of a run's generation. <see cref="Attempt"/> counts leases handed out.</summary>
[GenerateSerializer, Immutable, Alias("evoprune.work-item")]
public sealed record WorkItem(
    [property: Id(0)] string RunId,
    [property: Id(1)] int Generation,
    [property: Id(2)] GenomeRecord Genome,
    [property: Id(3)] int Attempt)
{
    /// <summary>W3C trace context of the generation span, so the evaluation span joins the run's trace on any silo.</summary>
    [Id(4)]
    public string? TraceParent { get; init; }
}
