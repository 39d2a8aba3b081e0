using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// Breeds generation g + 1 from speciated generation g: stagnation rules pick the species allowed to reproduce,
/// explicit fitness sharing sizes their offspring, each species keeps its champion (when large enough) and breeds
/// the rest from its top members. Children are made in order, each from its own keyed stream.
/// </summary>
internal sealed class NeatReproduction
{
    private readonly NeatSettings _settings;
    private readonly NeatMutator _mutator;
    private readonly ulong _seed;

    public NeatReproduction(NeatSettings settings, ulong seed)
    {
        _settings = settings;
        _mutator = new NeatMutator(settings);
        _seed = seed;
    }

    /// <summary>
    /// The next generation's genomes. Returns species whose stagnation counters were reset by the
    /// population-stagnation rule, and the possibly reset population improvement generation.
    /// </summary>
    public (List<NeatGenome> Children, ImmutableArray<NeatSpecies> Species, int LastImproved) Reproduce(
        IReadOnlyList<NeatIndividual> population,
        ImmutableArray<NeatSpecies> species,
        InnovationTracker tracker,
        int generation,
        int lastImproved)
    {
        tracker.BeginGeneration();
        var ranked = new int[species.Length][];
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i] = Ranked(population, species[i]);
        }

        var breeders = new List<int>(species.Length);
        var halves = false;

        // The species whose best member is the population's best genome, where that genome is kept.
        var championSpecies = _settings.KeepPopulationChampion ? Fittest(population, ranked, -1) : -1;
        if (generation - lastImproved >= _settings.PopulationStagnationLimit && species.Length > 1)
        {
            // Delta coding (paper footnote 2): only the two species with the best current members reproduce,
            // and they get a fresh stagnation allowance.
            var first = Fittest(population, ranked, -1);
            var second = Fittest(population, ranked, first);
            breeders.Add(Math.Min(first, second));
            breeders.Add(Math.Max(first, second));
            foreach (var i in breeders)
            {
                species = species.SetItem(i, species[i] with { LastImprovedGeneration = generation });
            }

            lastImproved = generation;

            // The C++ release gives the two species half the population each, whatever their fitness, all bred from
            // their champions (a local search around the two best networks).
            halves = _settings.StagnationSplitsHalves;
            if (halves && breeders[0] != first)
            {
                (breeders[0], breeders[1]) = (first, second);
            }
        }
        else
        {
            for (var i = 0; i < species.Length; i++)
            {
                if (i == championSpecies || generation - species[i].LastImprovedGeneration < _settings.SpeciesStagnationLimit)
                {
                    breeders.Add(i);
                }
            }

            if (breeders.Count == 0)
            {
                breeders.Add(Fittest(population, ranked, -1));
            }
        }

        // Explicit fitness sharing: a species' summed adjusted fitness Σ f/|S| is its mean fitness.
        var shares = new double[breeders.Count];
        for (var b = 0; b < shares.Length; b++)
        {
            var members = ranked[breeders[b]];
            var sum = 0.0;
            foreach (var m in members)
            {
                sum += Math.Max(0.0, population[m].Fitness);
            }

            shares[b] = sum / members.Length;
        }

        var counts = halves
            ? [_settings.PopulationSize / 2, _settings.PopulationSize - (_settings.PopulationSize / 2)]
            : OffspringAllocation.Allocate(shares, _settings.PopulationSize);

        // The champion's species breeds at least the champion's copy, taken from the species with the most offspring.
        var keeper = breeders.IndexOf(championSpecies);
        if (keeper >= 0 && counts[keeper] == 0)
        {
            var largest = 0;
            for (var b = 1; b < counts.Length; b++)
            {
                largest = counts[b] > counts[largest] ? b : largest;
            }

            counts[largest]--;
            counts[keeper]++;
        }

        var children = new List<NeatGenome>(_settings.PopulationSize);
        for (var b = 0; b < breeders.Count; b++)
        {
            var members = ranked[breeders[b]];
            var quota = counts[b];
            if (quota > 0 && (halves || b == keeper || (_settings.ElitismByOffspringCount ? quota : members.Length) > _settings.ElitismMinSpeciesSize))
            {
                children.Add(population[members[0]].Genome);
                quota--;
            }

            var survivors = _settings.OneMoreParent
                ? Math.Min(members.Length, (int)Math.Floor((_settings.SurvivalThreshold * members.Length) + 1.0))
                : Math.Max(1, (int)Math.Ceiling(_settings.SurvivalThreshold * members.Length));
            for (var k = 0; k < quota; k++)
            {
                var random = RandomSources.For(_seed, generation + 1, children.Count, NeatRandomPurposes.Breeding);
                children.Add(halves
                    ? ChampionChild(population[members[0]].Genome, tracker, random)
                    : Breed(population, members, survivors, ranked, breeders[b], tracker, random));
            }
        }

        return (children, species, lastImproved);
    }

    private NeatGenome Breed(
        IReadOnlyList<NeatIndividual> population,
        int[] members,
        int survivors,
        int[][] ranked,
        int speciesIndex,
        InnovationTracker tracker,
        IRandomSource random)
    {
        var first = population[members[random.NextInt(survivors)]];
        if (survivors == 1 || random.NextBool(_settings.MutationOnlyProbability))
        {
            return _mutator.Mutate(first.Genome, tracker, random);
        }

        NeatIndividual second;
        if (ranked.Length > 1 && random.NextBool(_settings.InterspeciesMatingProbability))
        {
            var otherIndex = random.NextInt(ranked.Length - 1);
            var other = ranked[otherIndex >= speciesIndex ? otherIndex + 1 : otherIndex];
            second = population[other[0]];
        }
        else
        {
            second = population[members[random.NextInt(survivors)]];
        }

        var (fitter, weaker) = second.Fitness > first.Fitness ? (second, first) : (first, second);
        var equal = fitter.Fitness.Equals(weaker.Fitness);
        if (equal && _settings.EqualFitnessPrefersSmaller)
        {
            equal = false;
            if (weaker.Genome.Connections.Length < fitter.Genome.Connections.Length)
            {
                (fitter, weaker) = (weaker, fitter);
            }
        }

        var child = NeatCrossover.Cross(fitter.Genome, weaker.Genome, equal, _settings, random);
        var mateOnly = random.NextBool(_settings.MateOnlyProbability)
            && !(_settings.MutateChildOfIdenticalParents && SameGenes(first.Genome, second.Genome));
        return mateOnly ? child : _mutator.Mutate(child, tracker, random);
    }

    // The C++ release's offspring of a "super champion": 80% its weights mutated, otherwise a new link.
    private NeatGenome ChampionChild(NeatGenome champion, InnovationTracker tracker, IRandomSource random)
    {
        var s = _settings;
        return random.NextBool(0.8)
            ? s.SevereWeightMutation
                ? NeatMutations.MutateWeightsSevere(champion, random, s.WeightPerturbPower, s.WeightLimit)
                : NeatMutations.MutateWeights(champion, random, s.WeightPerturbProbability, s.WeightPerturbPower, s.WeightRange, s.WeightLimit)
            : NeatMutations.AddConnection(champion, tracker, random, s.FeedForward, s.WeightRange, s.AddConnectionAttempts);
    }

    // Compatibility distance 0: the same innovations with the same weights (enabled flags aside).
    private static bool SameGenes(NeatGenome a, NeatGenome b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        var x = a.Connections.AsSpan();
        var y = b.Connections.AsSpan();
        if (x.Length != y.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (x[i].Innovation != y[i].Innovation || x[i].Weight != y[i].Weight)
            {
                return false;
            }
        }

        return true;
    }

    // Member indices best first, the lower population index among equals: an insertion sort on that total order
    // (species are small, members arrive nearly in order, and no comparer delegate is needed).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] Ranked(IReadOnlyList<NeatIndividual> population, NeatSpecies species)
    {
        var members = species.Members.ToArray();
        for (var i = 1; i < members.Length; i++)
        {
            var member = members[i];
            var fitness = population[member].Fitness;
            var at = i;
            for (; at > 0 && Before(fitness, member, population[members[at - 1]].Fitness, members[at - 1]); at--)
            {
                members[at] = members[at - 1];
            }

            members[at] = member;
        }

        return members;
    }

    private static bool Before(double fitness, int member, double otherFitness, int other) =>
        fitness.CompareTo(otherFitness) is var order && (order > 0 || (order == 0 && member < other));

    // The species whose best member is fittest, the lower index among equals, other than `except`.
    private static int Fittest(IReadOnlyList<NeatIndividual> population, int[][] ranked, int except)
    {
        var best = -1;
        for (var i = 0; i < ranked.Length; i++)
        {
            if (i != except && (best < 0 || population[ranked[i][0]].Fitness.CompareTo(population[ranked[best][0]].Fitness) > 0))
            {
                best = i;
            }
        }

        return best;
    }
}
