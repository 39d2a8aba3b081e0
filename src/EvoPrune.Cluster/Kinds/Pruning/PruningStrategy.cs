using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;

namespace EvoPrune.Cluster.Kinds.Pruning;

/// <summary>
/// Not a search: generation 0 proposes every cell of the comparison grid and the population keeps them all, so the
/// engine's leases, checkpoints and resume carry a comparison like any run (a resumed run re-evaluates only the cells
/// whose reports were not yet written).
/// </summary>
internal sealed class PruningStrategy(PruningSettings settings) : IPopulationStrategy
{
    public (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state)
    {
        if (generation != 0)
        {
            throw new InvalidOperationException($"A pruning comparison has one generation; generation {generation} was asked for.");
        }

        var genomes = settings.Cells()
            .Select((cell, i) => new GenomeRecord($"{population}-{i}", population, generation, i, cell.ToPayload()))
            .ToArray();
        return (genomes, state);
    }

    public IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated) =>
        members.Concat(evaluated).ToArray();
}
