using EvoPrune.Evolution.Fitness;

namespace EvoPrune.Evolution.Algorithms;

/// <summary>
/// The numbers that drive a <see cref="GeneticAlgorithm{TGenome}"/>. Checked when the algorithm is built, which
/// throws an <see cref="ArgumentException"/> naming the setting that is out of range.
/// </summary>
public sealed record GeneticAlgorithmSettings
{
    /// <summary>Individuals per generation; at least 2.</summary>
    public required int PopulationSize { get; init; }

    /// <summary>Offspring bred per generation; null means <see cref="PopulationSize"/>.</summary>
    public int? OffspringCount { get; init; }

    /// <summary>Chance that a group of selected parents is crossed; otherwise the children are copies of the parents.</summary>
    public double CrossoverProbability { get; init; } = 0.9;

    /// <summary>Chance that a child is mutated at all (per genome); the operator's own rate applies per gene.</summary>
    public double MutationProbability { get; init; } = 1.0;

    /// <summary>The run seed: every random draw of the run is keyed by it.</summary>
    public ulong Seed { get; init; }

    /// <summary>How fitness is ordered; maximisation by default.</summary>
    public FitnessComparer Comparer { get; init; } = FitnessComparer.Maximize;

    /// <summary><see cref="OffspringCount"/>, or <see cref="PopulationSize"/> when it is not set.</summary>
    public int EffectiveOffspringCount => OffspringCount ?? PopulationSize;
}
