using System.Text.Json.Serialization;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Populations;

/// <summary>The evaluated individuals of one generation.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
/// <param name="Generation">The generation number, 0 for the initial population.</param>
/// <param name="Individuals">The individuals, at least one.</param>
public sealed record Population<TGenome>(long Generation, IReadOnlyList<Individual<TGenome>> Individuals)
    where TGenome : class, IGenome
{
    /// <summary>The generation number, 0 for the initial population.</summary>
    public long Generation { get; init; } = Generation >= 0
        ? Generation
        : throw new ArgumentOutOfRangeException(nameof(Generation), Generation, "The generation number cannot be negative.");

    /// <summary>The individuals, at least one.</summary>
    public IReadOnlyList<Individual<TGenome>> Individuals { get; init; } = CheckIndividuals(Individuals);

    /// <summary>Number of individuals.</summary>
    [JsonIgnore]
    public int Count => Individuals.Count;

    /// <summary>The fitness of each individual, in order.</summary>
    public IReadOnlyList<FitnessInfo> ToFitnessList() => [.. Individuals.Select(i => i.Fitness)];

    /// <summary>The fittest individual; the earliest one wins a tie.</summary>
    public Individual<TGenome> Best(FitnessComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(comparer);
        var best = Individuals[0];
        for (var i = 1; i < Individuals.Count; i++)
        {
            if (comparer.IsFitter(Individuals[i].Fitness, best.Fitness))
            {
                best = Individuals[i];
            }
        }

        return best;
    }

    private static IReadOnlyList<Individual<TGenome>> CheckIndividuals(IReadOnlyList<Individual<TGenome>> individuals)
    {
        ArgumentNullException.ThrowIfNull(individuals);
        if (individuals.Count == 0 || individuals.Any(i => i is null))
        {
            throw new ArgumentException("A population needs at least one individual and no null entries.", nameof(individuals));
        }

        return individuals;
    }
}
