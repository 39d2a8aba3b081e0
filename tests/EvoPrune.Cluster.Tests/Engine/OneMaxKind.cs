using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Cluster.Tests.Engine;

/// <summary>
/// A genome kind that lives only in the test project: 64-bit strings, fitness = the number of ones (OneMax), a
/// tournament-and-bit-flip GA with elitist survival. It shows that a new kind needs nothing in src/ but its own
/// registration (<c>AddGenomeKind&lt;OneMaxKind&gt;()</c>); its evaluations take microseconds, like NEAT's.
/// </summary>
public sealed class OneMaxKind : IGenomeKind
{
    public const string KindName = "test-onemax";

    public string Name => KindName;

    public void Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.PopulationSize < 2)
        {
            throw new ArgumentException($"population size must be at least 2 (got {spec.PopulationSize}).");
        }
    }

    public IPopulationStrategy CreateStrategy(RunSpec spec) => new Strategy(spec);

    public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => new Evaluator(host);

    public string Summarize(RunSpec spec, GenomeRecord genome) =>
        string.Create(CultureInfo.InvariantCulture, $"{BitOperations.PopCount(Bits(genome))} ones");

    public static ulong Bits(GenomeRecord genome) => BinaryPrimitives.ReadUInt64LittleEndian((genome ?? throw new ArgumentNullException(nameof(genome))).Payload);

    private static GenomeRecord Record(string population, int generation, int index, ulong bits)
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(payload, bits);
        return new GenomeRecord(string.Create(CultureInfo.InvariantCulture, $"{population}-g{generation}-{index}"), population, generation, index, payload);
    }

    private sealed class Strategy(RunSpec spec) : IPopulationStrategy
    {
        public (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state)
        {
            var children = new GenomeRecord[spec.PopulationSize];
            for (var i = 0; i < children.Length; i++)
            {
                var random = RandomSources.For(spec.Seed, generation, i, $"{population}/onemax");
                if (members.Count == 0)
                {
                    children[i] = Record(population, generation, i, random.NextUInt64() & random.NextUInt64());
                    continue;
                }

                var a = members[random.NextInt(members.Count)];
                var b = members[random.NextInt(members.Count)];
                var parent = a.Report.Fitness >= b.Report.Fitness ? a : b;
                children[i] = Record(population, generation, i, Bits(parent.Genome) ^ (1UL << random.NextInt(64)));
            }

            return (children, state);
        }

        public IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated) =>
            members.Concat(evaluated).OrderByDescending(m => m.Report.Fitness).ThenBy(m => m.Genome.Id, StringComparer.Ordinal).Take(spec.PopulationSize).ToArray();
    }

    private sealed class Evaluator(EvaluationHost host) : IGenomeEvaluator
    {
        public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
        {
            var ones = BitOperations.PopCount(Bits(item.Genome));
            var scores = new Dictionary<string, double>(StringComparer.Ordinal) { ["solved"] = ones == 64 ? 1 : 0 };
            return new FitnessReport(item.Genome.Id, ones, scores, null, host.Silo, "cpu", 0);
        }

        public void Dispose()
        {
        }
    }
}
