using System.Globalization;
using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cli.Output;

/// <summary>
/// Fitness values as people read them: four decimals, "failed" for the worst-fitness marker of failed evaluations
/// (never 309 digits of <see cref="double.MinValue"/>), "n/a" for NaN, scientific notation for very large magnitudes.
/// </summary>
public static class FitnessText
{
    public static string Format(double fitness) =>
        fitness <= FitnessReport.WorstFitness / 2 ? "failed"
        : double.IsNaN(fitness) ? "n/a"
        : double.IsInfinity(fitness) || Math.Abs(fitness) >= 1e9 ? fitness.ToString("G4", CultureInfo.InvariantCulture)
        : fitness.ToString("F4", CultureInfo.InvariantCulture);
}
