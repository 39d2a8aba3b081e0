using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Plugins;

/// <summary>
/// How a population breeds. Both methods must be pure functions of their arguments and the run seed (all randomness
/// keyed by generation, genome and purpose), so a run replays exactly after any crash.
/// </summary>
public interface IPopulationStrategy
{
    /// <summary>The genomes to evaluate in <paramref name="generation"/> (the initial population when it is 0).</summary>
    (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state);

    /// <summary>The population after <paramref name="generation"/>: the survivors of members and evaluated offspring.</summary>
    IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated);
}
