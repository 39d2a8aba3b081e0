using System.Collections.Immutable;
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
        var ranked = species.Select(s => Ranked(population, s)).ToList();
        List<int> breeders;
        if (generation - lastImproved >= _settings.PopulationStagnationLimit && species.Length > 1)
        {
            // Delta coding (paper footnote 2): only the two species with the best current members reproduce,
            // and they get a fresh stagnation allowance.
            breeders = [.. Enumerable.Range(0, species.Length)
                .OrderByDescending(i => population[ranked[i][0]].Fitness).ThenBy(i => i).Take(2).Order()];
            foreach (var i in breeders)
            {
                species = species.SetItem(i, species[i] with { LastImprovedGeneration = generation });
            }

            lastImproved = generation;
        }
        else
        {
            breeders = [.. Enumerable.Range(0, species.Length)
                .Where(i => generation - species[i].LastImprovedGeneration < _settings.SpeciesStagnationLimit)];
            if (breeders.Count == 0)
            {
                breeders.Add(Enumerable.Range(0, species.Length)
                    .OrderByDescending(i => population[ranked[i][0]].Fitness).ThenBy(i => i).First());
            }
        }

        // Explicit fitness sharing: a species' summed adjusted fitness Σ f/|S| is its mean fitness.
        var shares = breeders.Select(i => ranked[i].Average(m => Math.Max(0.0, population[m].Fitness))).ToList();
        var counts = OffspringAllocation.Allocate(shares, _settings.PopulationSize);
        var children = new List<NeatGenome>(_settings.PopulationSize);
        for (var b = 0; b < breeders.Count; b++)
        {
            var members = ranked[breeders[b]];
            var quota = counts[b];
            if (quota > 0 && members.Count > _settings.ElitismMinSpeciesSize)
            {
                children.Add(population[members[0]].Genome);
                quota--;
            }

            var survivors = _settings.OneMoreParent
                ? Math.Min(members.Count, (int)Math.Floor((_settings.SurvivalThreshold * members.Count) + 1.0))
                : Math.Max(1, (int)Math.Ceiling(_settings.SurvivalThreshold * members.Count));
            for (var k = 0; k < quota; k++)
            {
                var random = RandomSources.For(_seed, generation + 1, children.Count, NeatRandomPurposes.Breeding);
                children.Add(Breed(population, members, survivors, ranked, breeders[b], tracker, random));
            }
        }

        return (children, species, lastImproved);
    }

    private NeatGenome Breed(
        IReadOnlyList<NeatIndividual> population,
        List<int> members,
        int survivors,
        List<List<int>> ranked,
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
        if (ranked.Count > 1 && random.NextBool(_settings.InterspeciesMatingProbability))
        {
            var otherIndex = random.NextInt(ranked.Count - 1);
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
        return random.NextBool(_settings.MateOnlyProbability) ? child : _mutator.Mutate(child, tracker, random);
    }

    // Member indices best first; equal fitness keeps population order.
    private static List<int> Ranked(IReadOnlyList<NeatIndividual> population, NeatSpecies species) =>
        [.. species.Members.OrderByDescending(m => population[m].Fitness).ThenBy(m => m)];
}
