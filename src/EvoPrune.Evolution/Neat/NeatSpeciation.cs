using System.Collections.Immutable;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// Threshold speciation (paper §3.3): genomes, in population order, join the first species (in id order) whose
/// representative is within δt, or found a new one. Emptied species die. Each surviving species then draws a new
/// representative from its members for the next generation.
/// </summary>
internal static class NeatSpeciation
{
    public static ImmutableArray<NeatSpecies> Speciate(
        IReadOnlyList<NeatIndividual> population,
        IReadOnlyList<NeatSpecies> previous,
        CompatibilityDistance distance,
        double threshold,
        bool championRepresentative,
        ulong seed,
        int generation,
        ref int nextSpeciesId)
    {
        var groups = previous.Select(s => (Species: s, Members: new List<int>())).ToList();
        for (var i = 0; i < population.Count; i++)
        {
            var genome = population[i].Genome;
            var home = groups.FindIndex(g => distance.Distance(g.Species.Representative, genome) < threshold);
            if (home < 0)
            {
                var founded = new NeatSpecies(nextSpeciesId++, genome, [], double.NegativeInfinity, generation, generation);
                groups.Add((founded, []));
                home = groups.Count - 1;
            }

            groups[home].Members.Add(i);
        }

        var result = ImmutableArray.CreateBuilder<NeatSpecies>();
        foreach (var (species, members) in groups)
        {
            if (members.Count == 0)
            {
                continue;
            }

            var best = members.Max(m => population[m].Fitness);
            var improved = best > species.BestFitness;
            var random = RandomSources.For(seed, generation, species.Id, NeatRandomPurposes.Representative);
            var representative = championRepresentative
                ? population[members.MaxBy(m => population[m].Fitness)].Genome
                : population[members[random.NextInt(members.Count)]].Genome;
            result.Add(species with
            {
                Representative = representative,
                Members = [.. members],
                BestFitness = improved ? best : species.BestFitness,
                LastImprovedGeneration = improved ? generation : species.LastImprovedGeneration,
            });
        }

        return result.ToImmutable();
    }
}
