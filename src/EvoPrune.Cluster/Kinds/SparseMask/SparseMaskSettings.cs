using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds.SparseMask;

/// <summary>
/// Settings of a GA over keep masks of a fixed architecture: what to train, how densely to keep, and the operators.
/// Every genome of a run shares one initialisation and one minibatch order (both from the run seed), so a mask's
/// fitness depends on the mask alone — the lottery-ticket view of pruning at initialisation.
/// </summary>
public sealed record SparseMaskSettings
{
    public DataSpec Data { get; init; } = new();

    public ModelSpec Model { get; init; } = new();

    public TrainerOptions Training { get; init; } = new();

    /// <summary>Fraction of prunable weights kept in every layer (1 - sparsity).</summary>
    public double Density { get; init; } = 0.2;

    public int TournamentSize { get; init; } = 3;

    public double CrossoverRate { get; init; } = 0.9;

    /// <summary>Per-gene probability of swapping a kept and a pruned weight in the same layer.</summary>
    public double MutationRate { get; init; } = 0.01;

    /// <summary>The best members that survive each generation unchanged (and are not re-evaluated).</summary>
    public int Elites { get; init; } = 2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate(int populationSize)
    {
        if (!(Density > 0 && Density <= 1))
        {
            throw new ArgumentException($"density must be in (0, 1] (got {Density}).");
        }

        if (CrossoverRate is < 0 or > 1 || MutationRate is < 0 or > 1)
        {
            throw new ArgumentException($"crossover and mutation rates must be in [0, 1] (got {CrossoverRate} and {MutationRate}).");
        }

        if (TournamentSize < 1 || TournamentSize > populationSize)
        {
            throw new ArgumentException($"tournament size must be between 1 and the population size {populationSize} (got {TournamentSize}).");
        }

        if (Elites < 0 || Elites >= populationSize)
        {
            throw new ArgumentException($"elites must be between 0 and population size - 1 = {populationSize - 1} (got {Elites}).");
        }

        Training.Validate();
    }
}
