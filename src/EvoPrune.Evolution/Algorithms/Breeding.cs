using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Algorithms;

/// <summary>One round of selection, crossover and mutation, with every draw taken from its own keyed stream.</summary>
internal static class Breeding
{
    /// <summary>The unnumbered offspring of <paramref name="parents"/> for generation <paramref name="generation"/>.</summary>
    public static List<TGenome> Breed<TGenome>(
        GeneticAlgorithmSettings settings,
        GeneticOperators<TGenome> operators,
        Population<TGenome> parents,
        long generation)
        where TGenome : class, IGenome<TGenome>
    {
        var crossover = operators.Crossover;
        var offspringCount = settings.EffectiveOffspringCount;
        var matings = (offspringCount + crossover.ChildrenCount - 1) / crossover.ChildrenCount;
        var selected = operators.Selection.SelectIndices(
            parents.ToFitnessList(),
            matings * crossover.ParentsCount,
            settings.Comparer,
            RandomSources.For(settings.Seed, generation, -1, RandomPurposes.Selection));
        if (selected.Count != matings * crossover.ParentsCount || selected.Any(i => (uint)i >= (uint)parents.Count))
        {
            throw new InvalidOperationException(
                $"The selection returned {selected.Count} picks (or an index outside the population) where {matings * crossover.ParentsCount} were asked for.");
        }

        var children = new List<TGenome>(matings * crossover.ChildrenCount);
        for (var m = 0; m < matings; m++)
        {
            var random = RandomSources.For(settings.Seed, generation, m, RandomPurposes.Crossover);
            var mates = new TGenome[crossover.ParentsCount];
            for (var p = 0; p < mates.Length; p++)
            {
                mates[p] = parents.Individuals[selected[(m * mates.Length) + p]].Genome;
            }

            children.AddRange(random.NextBool(settings.CrossoverProbability) ? Cross(crossover, mates, random) : Copies(mates, crossover.ChildrenCount));
        }

        // Surplus children of the last mating are dropped so exactly offspringCount are mutated and evaluated.
        children.RemoveRange(offspringCount, children.Count - offspringCount);
        for (var c = 0; c < children.Count; c++)
        {
            var random = RandomSources.For(settings.Seed, generation, c, RandomPurposes.Mutation);
            if (random.NextBool(settings.MutationProbability))
            {
                children[c] = operators.Mutation.Mutate(children[c], random)
                    ?? throw new InvalidOperationException("The mutation returned null.");
            }
        }

        return children;
    }

    private static IReadOnlyList<TGenome> Cross<TGenome>(Crossovers.ICrossover<TGenome> crossover, TGenome[] mates, IRandomSource random)
        where TGenome : class, IGenome<TGenome>
    {
        var children = crossover.Cross(mates, random);
        if (children is null || children.Count != crossover.ChildrenCount || children.Any(c => c is null))
        {
            throw new InvalidOperationException(
                $"The crossover returned {children?.Count ?? 0} children (or a null one) where it declares {crossover.ChildrenCount}.");
        }

        return children;
    }

    // Without crossover the children are the parents again (cycling when more children than parents are needed).
    private static IEnumerable<TGenome> Copies<TGenome>(TGenome[] mates, int count) =>
        Enumerable.Range(0, count).Select(i => mates[i % mates.Length]);
}
