namespace EvoPrune.Evolution.Neat;

/// <summary>What splitting connection <paramref name="SplitConnection"/> produced: the new node and its two links.</summary>
/// <param name="SplitConnection">Innovation of the connection that was split.</param>
/// <param name="NodeId">Id of the new hidden node.</param>
/// <param name="InInnovation">Innovation of the link into the new node (weight 1).</param>
/// <param name="OutInnovation">Innovation of the link out of the new node (the old weight).</param>
public readonly record struct SplitInnovation(long SplitConnection, int NodeId, long InInnovation, long OutInnovation);
