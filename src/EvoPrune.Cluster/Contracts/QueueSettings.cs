namespace EvoPrune.Cluster.Contracts;

/// <summary>How a run's work queue hands out a generation: lease length, attempts per item, the largest lease (0: sized by the queue).</summary>
[GenerateSerializer, Immutable, Alias("evoprune.queue-settings")]
public sealed record QueueSettings(
    [property: Id(0)] TimeSpan LeaseDuration,
    [property: Id(1)] int MaxAttempts,
    [property: Id(2)] int MaxLease)
{
    public static QueueSettings Of(RunSpec spec) =>
        new((spec ?? throw new ArgumentNullException(nameof(spec))).LeaseDuration, spec.MaxAttempts, spec.LeaseBatch);
}
