using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Plugins;

/// <summary>
/// A strategy whose populations coevolve: a genome is evaluated together with the incumbents (best members) of the
/// run's other populations. The engine calls this overload instead of <see cref="IPopulationStrategy.Propose"/>, with
/// every other population's best member after the previous generation (populations without members are absent), so
/// proposals still depend only on checkpointed state and replay exactly.
/// </summary>
public interface ICoevolutionStrategy : IPopulationStrategy
{
    (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(
        string population,
        int generation,
        IReadOnlyList<ScoredGenome> members,
        byte[] state,
        IReadOnlyDictionary<string, ScoredGenome> partners);
}
