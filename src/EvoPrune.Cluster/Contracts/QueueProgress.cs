namespace EvoPrune.Cluster.Contracts;

/// <summary>How far a generation's evaluations are. <see cref="Generation"/> is -1 when the queue holds no generation.</summary>
[GenerateSerializer, Immutable, Alias("evoprune.queue-progress")]
public sealed record QueueProgress(
    [property: Id(0)] int Generation,
    [property: Id(1)] int Total,
    [property: Id(2)] int Done,
    [property: Id(3)] int Leased);
