using System.Globalization;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Algorithms;

/// <summary>The checks a <see cref="GeneticAlgorithm{TGenome}"/> makes before it runs anything.</summary>
internal static class SettingsValidation
{
    public static void Check(GeneticAlgorithmSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.PopulationSize < 2)
        {
            throw new ArgumentException(
                $"PopulationSize must be at least 2, but was {settings.PopulationSize}: there is nothing to select between.", nameof(settings));
        }

        if (settings.OffspringCount is < 1)
        {
            throw new ArgumentException($"OffspringCount must be at least 1 when set, but was {settings.OffspringCount}.", nameof(settings));
        }

        CheckProbability(settings.CrossoverProbability, nameof(settings.CrossoverProbability), settings);
        CheckProbability(settings.MutationProbability, nameof(settings.MutationProbability), settings);
        if (settings.Comparer is null)
        {
            throw new ArgumentException("Comparer must not be null.", nameof(settings));
        }
    }

    public static void Check<TGenome>(GeneticOperators<TGenome> operators, GeneticAlgorithmSettings settings)
        where TGenome : class, IGenome<TGenome>
    {
        ArgumentNullException.ThrowIfNull(operators);
        if (operators.Factory is null || operators.Selection is null || operators.Crossover is null
            || operators.Mutation is null || operators.Reinsertion is null || operators.Termination is null)
        {
            throw new ArgumentException("Every operator (factory, selection, crossover, mutation, reinsertion, termination) must be set.", nameof(operators));
        }

        if (operators.Crossover.ParentsCount < 1 || operators.Crossover.ChildrenCount < 1)
        {
            throw new ArgumentException(
                $"The crossover declares {operators.Crossover.ParentsCount} parents and {operators.Crossover.ChildrenCount} children; both must be at least 1.",
                nameof(operators));
        }

        operators.Selection.ValidatePopulationSize(settings.PopulationSize);
        operators.Reinsertion.ValidateSizes(settings.PopulationSize, settings.EffectiveOffspringCount);
    }

    private static void CheckProbability(double value, string name, GeneticAlgorithmSettings settings)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{name} must be a probability in [0, 1], but was {value}."), nameof(settings));
        }
    }
}
