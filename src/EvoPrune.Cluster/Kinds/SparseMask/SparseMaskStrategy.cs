using System.Buffers;
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

    // Below this many weights a mask is bred in microseconds and threads would cost more than they save.
    private const int ParallelBreedingBits = 16_384;

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

        // Children as packed bytes (the wire form); breeding works on packed words and unpacks nothing. Every child (at
        // generation 0) or pair of children draws from its own keyed source, so they are bred on all cores in any order
        // and come out the same, bit for bit, as one after another.
        var children = new byte[spec.PopulationSize][];
        if (generation == 0 || members.Count == 0)
        {
            var factory = new MaskGenomeFactory(layout, settings.Density);
            var sizes = layout.LayerSizes.Select(s => (long)s).ToArray();
            Breed(spec.PopulationSize, i =>
            {
                var random = RandomSources.For(spec.Seed, generation, i, $"{population}/initial-mask");
                children[i] = settings.Scope == PruningScope.Global
                    ? new MaskGenome(layout, RandomPruning.DrawMasks(sizes, PruningTarget.Global(1 - settings.Density), random).SelectMany(m => m).ToArray()).ToPackedBytes()
                    : MaskWords.ToBytes(factory.CreatePackedWords(random), layout.TotalLength);
            });
        }
        else
        {
            // Parents are unpacked to words only when selection picks them (two threads may both unpack one: same words).
            var parents = new ulong[]?[members.Count];
            ulong[] Parent(int i) => Volatile.Read(ref parents[i]) ?? (parents[i] = MaskWords.FromBytes(layout, members[i].Genome.Payload));
            var fitness = members.Select(m => ToFitness(m.Report)).ToArray();
            var words = MaskPacking.WordCount(layout.TotalLength);
            Breed((spec.PopulationSize + 1) / 2, pair =>
            {
                var random = RandomSources.For(spec.Seed, generation, pair, $"{population}/breed");
                var chosen = _selection.SelectIndices(fitness, 2, FitnessComparer.Maximize, random);
                // The children are bred and mutated in pooled words (copies of the parents without crossover); only
                // their wire form is allocated, which keeps a large generation's garbage to what it hands on.
                var pooled = ArrayPool<ulong>.Shared.Rent(2 * words);
                try
                {
                    var first = pooled.AsSpan(0, words);
                    var second = pooled.AsSpan(words, words);
                    if (random.NextBool(settings.CrossoverRate))
                    {
                        DensityPreservingCrossover.Cross(layout, Parent(chosen[0]), Parent(chosen[1]), random, first, second);
                    }
                    else
                    {
                        Parent(chosen[0]).CopyTo(first);
                        Parent(chosen[1]).CopyTo(second);
                    }

                    _mutation.MutateInPlace(layout, first, random);
                    children[2 * pair] = MaskWords.ToBytes(first, layout.TotalLength);
                    if ((2 * pair) + 1 < children.Length)
                    {
                        _mutation.MutateInPlace(layout, second, random);
                        children[(2 * pair) + 1] = MaskWords.ToBytes(second, layout.TotalLength);
                    }
                }
                finally
                {
                    ArrayPool<ulong>.Shared.Return(pooled);
                }
            });
        }

        var genomes = children.Select((c, i) => new GenomeRecord($"{population}-g{generation}-{i}", population, generation, i, c)).ToArray();
        return (genomes, state);
    }

    // Masks too small to be worth a thread are bred on the calling one.
    private void Breed(int count, Action<int> one)
    {
        if (count > 1 && layout.TotalLength >= ParallelBreedingBits)
        {
            Parallel.For(0, count, one);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                one(i);
            }
        }
    }

    public IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated)
    {
        // After the winner's final training the population is the winner: the history's last line is its result.
        if (members.Count == 0 || evaluated.Any(e => IsFinal(e.Genome)))
        {
            return evaluated;
        }

        // Reinsertion ranks by fitness alone: individuals carry their position in 'all' and no genes, so nothing is unpacked.
        var all = members.Concat(evaluated).ToArray();
        var parents = members.Select((m, i) => new Individual<Ranked>(new Ranked(i), ToFitness(m.Report))).ToArray();
        var offspring = evaluated.Select((e, i) => new Individual<Ranked>(new Ranked(members.Count + i), ToFitness(e.Report))).ToArray();
        return _reinsertion.Reinsert(parents, offspring, spec.PopulationSize, FitnessComparer.Maximize)
            .Select(i => all[i.Genome.Id])
            .ToArray();
    }

    private static FitnessInfo ToFitness(FitnessReport report) =>
        report.Failed ? new FitnessInfo(double.NaN, failureCause: report.Failure) : new FitnessInfo(report.Fitness, report.Scores);

    // A place in the ranking: the member's index, no genes.
    private sealed record Ranked(long Id) : IGenome
    {
        public int Length => 0;
    }
}
