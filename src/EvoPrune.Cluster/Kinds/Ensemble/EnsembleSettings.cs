using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Search;
using EvoPrune.Learning.Experiments;

namespace EvoPrune.Cluster.Kinds.Ensemble;

/// <summary>
/// Settings of CIF-E ensemble selection on the engine: which data (the validation split is the selection split the
/// ensemble is chosen on; test is only reported), which classifier pool, how a subset is scored, which estimation-of-
/// distribution or genetic algorithm proposes subsets.
/// </summary>
public sealed record EnsembleSettings
{
    public DataSpec Data { get; init; } = new() { Dataset = "wine", ValidationFraction = 0.25 };

    public PoolSpec Pool { get; init; } = new();

    public FitnessOptions Fitness { get; init; } = new();

    /// <summary>umda, pbil, ga or random.</summary>
    public string Algorithm { get; init; } = "umda";

    /// <summary>Algorithm settings; population size and generations come from the run.</summary>
    public SearchOptions Search { get; init; } = new();

    public void Validate()
    {
        if (!SubsetSearches.Names.Contains(Algorithm))
        {
            throw new ArgumentException($"unknown ensemble search '{Algorithm}'. Known: {string.Join(", ", SubsetSearches.Names)}.");
        }

        if (!(Data.ValidationFraction > 0))
        {
            throw new ArgumentException("ensemble selection needs a selection split: data.validation must be above 0.");
        }

        Pool.Validate();
        Search.Validate();
    }
}
