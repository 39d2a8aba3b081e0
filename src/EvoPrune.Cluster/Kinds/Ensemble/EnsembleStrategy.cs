using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Ensembles.Search;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Cluster.Kinds.Ensemble;

/// <summary>
/// Runs a step-wise subset search (UMDA by default) as a population strategy. The search's model (probability vector,
/// GA population, best so far) is the strategy state in each checkpoint; generation g first updates the model with
/// generation g−1's evaluated subsets (the population's members), then samples the next subsets.
/// </summary>
internal sealed class EnsembleStrategy(RunSpec spec, EnsembleSettings settings) : IPopulationStrategy
{
    private readonly ISubsetSearch _search = SubsetSearches.Create(settings.Algorithm, settings.Search with { PopulationSize = spec.PopulationSize, Generations = spec.Generations });

    public (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state)
    {
        var length = settings.Pool.Size;
        var vectors = members.Select(m => MaskPacking.UnpackBytes(m.Genome.Payload, length)).ToArray();
        var fitness = members.Select(m => m.Report.Fitness).ToArray();
        var (proposals, next) = _search switch
        {
            SubsetSearch<UmdaState> s => Step(s, state, length, vectors, fitness),
            SubsetSearch<PbilState> s => Step(s, state, length, vectors, fitness),
            SubsetSearch<GaState> s => Step(s, state, length, vectors, fitness),
            SubsetSearch<RandomSearchState> s => Step(s, state, length, vectors, fitness),
            _ => throw new NotSupportedException($"Subset search '{_search.Name}' has no state adapter."),
        };
        var genomes = proposals.Select((p, i) => new GenomeRecord($"{population}-g{generation}-{i}", population, generation, i, MaskPacking.PackBytes(p))).ToArray();
        return (genomes, next);
    }

    // Every generation is evaluated whole (the search's model carries what survives), so the population is simply the
    // latest evaluated subsets.
    public IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated) => evaluated;

    private (IReadOnlyList<bool[]> Proposals, byte[] State) Step<TState>(SubsetSearch<TState> search, byte[] state, int length, bool[][] vectors, double[] fitness)
        where TState : SearchState
    {
        var current = state.Length == 0
            ? search.Initialize(length, spec.Seed)
            : search.Update(JsonSerializer.Deserialize<TState>(state)!, vectors, fitness);
        return (search.Propose(current), JsonSerializer.SerializeToUtf8Bytes(current));
    }
}
