using System.Collections.Immutable;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// Everything an <see cref="InnovationTracker"/> knows, as plain data for checkpoints: the next numbers to hand out
/// and this generation's structural mutations (links and splits in innovation order).
/// </summary>
/// <param name="NextInnovation">The next innovation number.</param>
/// <param name="NextNodeId">The next hidden node id.</param>
/// <param name="Links">Links added this generation.</param>
/// <param name="Splits">Connections split this generation.</param>
public sealed record InnovationTrackerState(
    long NextInnovation,
    int NextNodeId,
    ImmutableArray<LinkInnovation> Links,
    ImmutableArray<SplitInnovation> Splits);
