using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
        // Representatives: the previous species' in id order, then each founder in the order it appeared.
        var representatives = new List<NeatGenome>(previous.Count + 8);
        for (var s = 0; s < previous.Count; s++)
        {
            representatives.Add(previous[s].Representative);
        }

        var home = new int[population.Count];
        for (var i = 0; i < population.Count; i++)
        {
            var genome = population[i].Genome;
            var found = -1;
            for (var s = 0; s < representatives.Count && found < 0; s++)
            {
                if (distance.IsWithin(representatives[s], genome, threshold))
                {
                    found = s;
                }
            }

            if (found < 0)
            {
                representatives.Add(genome);
                found = representatives.Count - 1;
            }

            home[i] = found;
        }

        var sizes = new int[representatives.Count];
        foreach (var s in home)
        {
            sizes[s]++;
        }

        var result = ImmutableArray.CreateBuilder<NeatSpecies>(representatives.Count);
        var membersOf = new int[representatives.Count][];
        for (var s = 0; s < representatives.Count; s++)
        {
            membersOf[s] = new int[sizes[s]];
            sizes[s] = 0;
        }

        // Members ascend with the population index.
        for (var i = 0; i < home.Length; i++)
        {
            membersOf[home[i]][sizes[home[i]]++] = i;
        }

        for (var s = 0; s < representatives.Count; s++)
        {
            // Founders take ids in the order they appeared, as they did when the species were founded one by one.
            var species = s < previous.Count
                ? previous[s]
                : new NeatSpecies(nextSpeciesId++, representatives[s], [], double.NegativeInfinity, generation, generation);
            var members = membersOf[s];
            if (members.Length == 0)
            {
                continue;
            }

            // The best member, the first of equals.
            var champion = members[0];
            foreach (var m in members)
            {
                if (population[m].Fitness > population[champion].Fitness)
                {
                    champion = m;
                }
            }

            var best = population[champion].Fitness;
            var improved = best > species.BestFitness;
            var random = RandomSources.For(seed, generation, species.Id, NeatRandomPurposes.Representative);
            var representative = championRepresentative
                ? population[champion].Genome
                : population[members[random.NextInt(members.Length)]].Genome;
            result.Add(species with
            {
                Representative = representative,
                Members = ImmutableCollectionsMarshal.AsImmutableArray(members),
                BestFitness = improved ? best : species.BestFitness,
                LastImprovedGeneration = improved ? generation : species.LastImprovedGeneration,
            });
        }

        return result.DrainToImmutable();
    }
}
