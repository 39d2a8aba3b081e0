using System.Text.Json.Serialization;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Populations;

/// <summary>A summary of one generation, as reported per generation and kept in the run history.</summary>
/// <param name="Generation">The generation number.</param>
/// <param name="Best">The best fitness in the population.</param>
/// <param name="BestGenomeId">Id of the genome that has it.</param>
/// <param name="MeanFitness">Mean primary fitness over the individuals that did not fail; NaN if all failed.</param>
/// <param name="FailedCount">Number of individuals whose fitness failed.</param>
/// <param name="Evaluations">Number of genomes evaluated to make this generation.</param>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record GenerationStatistics(
    long Generation,
    FitnessInfo Best,
    long BestGenomeId,
    double MeanFitness,
    int FailedCount,
    int Evaluations)
{
    /// <summary>The statistics of <paramref name="population"/>.</summary>
    public static GenerationStatistics Compute<TGenome>(Population<TGenome> population, FitnessComparer comparer, int evaluations)
        where TGenome : class, IGenome
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(comparer);
        var best = population.Best(comparer);
        var valid = population.Individuals.Where(i => !i.Fitness.IsFailed).Select(i => i.Fitness.Primary).ToArray();
        var mean = valid.Length == 0 ? double.NaN : valid.Average();
        return new GenerationStatistics(
            population.Generation, best.Fitness, best.Id, mean, population.Count - valid.Length, evaluations);
    }
}
