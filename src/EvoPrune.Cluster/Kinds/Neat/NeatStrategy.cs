using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Neat;

namespace EvoPrune.Cluster.Kinds.Neat;

/// <summary>
/// NEAT as a population strategy: the strategy state is the algorithm's snapshot taken right after breeding (species,
/// innovation history, stagnation counters, best so far), so generation g restores it, accepts generation g−1's
/// evaluations (speciation, fitness sharing happen there) and breeds generation g.
/// </summary>
internal sealed class NeatStrategy(RunSpec spec, NeatRunSettings settings, IReadOnlyList<string> dataDirectories) : IPopulationStrategy
{
    private readonly INeatTask _task = settings.CreateTask(dataDirectories, spec.Seed);

    public (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state)
    {
        var algorithm = state.Length == 0
            ? new NeatAlgorithm(settings.Neat, _task, spec.Seed)
            : NeatAlgorithm.Resume(settings.Neat, _task, JsonSerializer.Deserialize<NeatPopulationSnapshot>(state, NeatKind.Json)!);
        if (members.Count > 0)
        {
            algorithm.Accept(
                members.Select(m => NeatKind.Decode(m.Genome)).ToArray(),
                members.Select(m => new NeatEvaluation(m.Report.Failed ? 0 : m.Report.Fitness, m.Report.Scores.GetValueOrDefault("solved") > 0)).ToArray());
        }

        var children = algorithm.Breed();
        var genomes = children.Select((g, i) => new GenomeRecord($"{population}-g{generation}-{i}", population, generation, i, JsonSerializer.SerializeToUtf8Bytes(g, NeatKind.Json))).ToArray();
        return (genomes, JsonSerializer.SerializeToUtf8Bytes(algorithm.Snapshot(), NeatKind.Json));
    }

    // NEAT replaces the whole population each generation; the elites are copied into the children by Breed.
    public IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated) => evaluated;
}
