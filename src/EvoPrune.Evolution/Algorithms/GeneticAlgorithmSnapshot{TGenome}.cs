using System.Text.Json.Serialization;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Algorithms;

/// <summary>
/// Everything the loop carries from one generation to the next, as plain data that serialises with System.Text.Json.
/// Resume from it with the same settings and operators and the run continues bit for bit as if it had never stopped,
/// because every random draw is keyed by (seed, generation, index, purpose) rather than by a position in a stream.
/// </summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
/// <param name="Seed">The run seed.</param>
/// <param name="NextGenomeId">The id the next new genome gets.</param>
/// <param name="Population">The current, evaluated population.</param>
/// <param name="BestEver">The fittest individual seen so far (the earliest one on ties).</param>
/// <param name="History">Statistics of every generation so far, oldest first.</param>
/// <param name="Elapsed">Time spent so far.</param>
public sealed record GeneticAlgorithmSnapshot<TGenome>(
    ulong Seed,
    long NextGenomeId,
    Population<TGenome> Population,
    Individual<TGenome> BestEver,
    IReadOnlyList<GenerationStatistics> History,
    TimeSpan Elapsed)
    where TGenome : class, IGenome
{
    /// <summary>The generation number of <see cref="Population"/>.</summary>
    [JsonIgnore]
    public long Generation => Population.Generation;
}
