using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Plugins;

/// <summary>
/// A strategy that keeps its working state in memory from one generation to the next (NEAT's species and innovation
/// history) and turns it into bytes only when the engine checkpoints, instead of serialising and parsing it every
/// generation. The bytes it captures must be exactly what <see cref="IPopulationStrategy.Propose"/> would have returned,
/// so a run restored from them replays exactly.
/// </summary>
public interface ILiveStateStrategy : IPopulationStrategy
{
    /// <summary>
    /// Like <see cref="IPopulationStrategy.Propose"/>; <paramref name="restored"/> is the state to start from after a
    /// restore (empty for a new population), or null to go on from the live state this instance left after its last
    /// proposal, with <paramref name="members"/> scored from that proposal.
    /// </summary>
    IReadOnlyList<GenomeRecord> ProposeLive(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[]? restored);

    /// <summary>The live state as <see cref="IPopulationStrategy.Propose"/> would have returned it after the last proposal.</summary>
    byte[] CaptureState();
}
