using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Populations;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Evolution.Reinsertions;
using EvoPrune.Evolution.Selections;
using EvoPrune.Learning.Pruning;

namespace EvoPrune.Cluster.Kinds.SparseMask;

/// <summary>
/// Generational GA over masks: tournament selection, density-preserving crossover and swap mutation (so every child
/// keeps exactly the target number of weights per layer), elitist reinsertion. Randomness is keyed by
/// (seed, generation, child index, purpose).
/// </summary>
internal sealed class SparseMaskStrategy(RunSpec spec, SparseMaskSettings settings, MaskLayout layout) : IPopulationStrategy
{
    /// <summary>The index of the one genome of a final generation: the winner, trained to the end.</summary>
    public const int FinalIndex = -1;

    private readonly TournamentSelection _selection = new(settings.TournamentSize);
    private readonly DensityPreservingCrossover _crossover = new();
    private readonly DensityPreservingSwapMutation _mutation = new(settings.MutationRate);
    private readonly ElitistReinsertion _reinsertion = new(settings.Elites);

    /// <summary>Whether <paramref name="genome"/> is a final generation's winner (trained with the final epochs).</summary>
    public static bool IsFinal(GenomeRecord genome) => genome?.Index == FinalIndex;

    /// <summary>Whether <paramref name="generation"/> is the winner's full training rather than a search generation.</summary>
    public bool IsFinalGeneration(int generation) => settings.FinalEpochs > 0 && generation == spec.Generations - 1 && generation > 0;

    public (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state)
    {
        if (IsFinalGeneration(generation) && members.Count > 0)
        {
            var winner = members.Where(m => !m.Report.Failed).OrderByDescending(m => m.Report.Fitness).ThenBy(m => m.Genome.Index).FirstOrDefault() ?? members[0];
            return ([new GenomeRecord($"{population}-final", population, generation, FinalIndex, winner.Genome.Payload)], state);
        }

        var children = new List<MaskGenome>(spec.PopulationSize);
        if (generation == 0 || members.Count == 0)
        {
            var factory = new MaskGenomeFactory(layout, settings.Density);
            var sizes = layout.LayerSizes.Select(s => (long)s).ToArray();
            for (var i = 0; i < spec.PopulationSize; i++)
            {
                var random = RandomSources.For(spec.Seed, generation, i, $"{population}/initial-mask");
                children.Add(settings.Scope == PruningScope.Global
                    ? new MaskGenome(layout, RandomPruning.DrawMasks(sizes, PruningTarget.Global(1 - settings.Density), random).SelectMany(m => m).ToArray())
                    : factory.Create(random));
            }
        }
        else
        {
            var parents = members.Select(m => MaskGenome.FromPackedBytes(layout, m.Genome.Payload)).ToArray();
            var fitness = members.Select(m => ToFitness(m.Report)).ToArray();
            for (var pair = 0; children.Count < spec.PopulationSize; pair++)
            {
                var random = RandomSources.For(spec.Seed, generation, pair, $"{population}/breed");
                var chosen = _selection.SelectIndices(fitness, 2, FitnessComparer.Maximize, random);
                IReadOnlyList<MaskGenome> offspring = random.NextBool(settings.CrossoverRate)
                    ? _crossover.Cross([parents[chosen[0]], parents[chosen[1]]], random)
                    : [parents[chosen[0]], parents[chosen[1]]];
                foreach (var child in offspring.Take(spec.PopulationSize - children.Count))
                {
                    children.Add(_mutation.Mutate(child, random));
                }
            }
        }

        var genomes = children.Select((c, i) => new GenomeRecord($"{population}-g{generation}-{i}", population, generation, i, c.ToPackedBytes())).ToArray();
        return (genomes, state);
    }

    public IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated)
    {
        // After the winner's final training the population is the winner: the history's last line is its result.
        if (members.Count == 0 || evaluated.Any(e => IsFinal(e.Genome)))
        {
            return evaluated;
        }

        // Individuals carry their position in 'all' as id, so the survivors map back to their records.
        var all = members.Concat(evaluated).ToArray();
        Individual<MaskGenome> ToIndividual(ScoredGenome g, long id) => new(MaskGenome.FromPackedBytes(layout, g.Genome.Payload, id), ToFitness(g.Report));
        var parents = members.Select((m, i) => ToIndividual(m, i)).ToArray();
        var offspring = evaluated.Select((e, i) => ToIndividual(e, members.Count + i)).ToArray();
        return _reinsertion.Reinsert(parents, offspring, spec.PopulationSize, FitnessComparer.Maximize)
            .Select(i => all[i.Id])
            .ToArray();
    }

    private static FitnessInfo ToFitness(FitnessReport report) =>
        report.Failed ? new FitnessInfo(double.NaN, failureCause: report.Failure) : new FitnessInfo(report.Fitness, report.Scores);
}
