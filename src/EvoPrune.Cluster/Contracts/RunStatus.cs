namespace EvoPrune.Cluster.Contracts;

/// <summary>A snapshot of a run for status displays.</summary>
[GenerateSerializer, Immutable, Alias("evoprune.run-status")]
public sealed record RunStatus(
    [property: Id(0)] string RunId,
    [property: Id(1)] RunPhase Phase,
    [property: Id(2)] int Generation,
    [property: Id(3)] int Generations,
    [property: Id(4)] int ItemsDone,
    [property: Id(5)] int ItemsTotal,
    [property: Id(6)] IReadOnlyList<GenerationSummary> History,
    [property: Id(7)] string? Error,
    [property: Id(8)] string Folder)
{
    /// <summary>
    /// Once the run has finished: one line, in the genome kind's words, on what it achieved (for NEAT, the generation
    /// and genome that solved the task, or that none did); null when the kind has nothing to say or the run goes on.
    /// </summary>
    [Id(9)]
    public string? Outcome { get; init; }

    public bool IsFinished => Phase.IsFinished();
}
