namespace EvoPrune.Cluster.Contracts;

/// <summary>
/// Work items handed to one worker together (<see cref="Id"/> 0 and no items: nothing to do now). The worker renews
/// and completes the lease as a whole; its items expire together if it stops renewing.
/// </summary>
[GenerateSerializer, Immutable, Alias("evoprune.work-lease")]
public sealed record WorkLease(
    [property: Id(0)] long Id,
    [property: Id(1)] IReadOnlyList<WorkItem> Items)
{
    public static WorkLease None { get; } = new(0, []);
}
