using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using Microsoft.Extensions.Options;

namespace EvoPrune.Bench;

/// <summary>
/// The sparse-mask kind (same settings, genomes, breeding, checkpoints) with an evaluator that returns at once, so a
/// run's wall time is the engine's own: leasing, reports, selection, checkpoints and the coordinator's ticks.
/// </summary>
internal sealed class NullEvaluationKind(IOptions<EngineOptions> engine) : IGenomeKind
{
    public const string KindName = "bench-null";

    private readonly SparseMaskKind _inner = new(engine);

    public string Name => KindName;

    public void Validate(RunSpec spec) => _inner.Validate(spec);

    public IPopulationStrategy CreateStrategy(RunSpec spec) => _inner.CreateStrategy(spec);

    public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => new NullEvaluator(host);

    public string Summarize(RunSpec spec, GenomeRecord genome) => _inner.Summarize(spec, genome);

    private sealed class NullEvaluator(EvaluationHost host) : IGenomeEvaluator
    {
        public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
        {
            // A fitness that depends on the genome, so selection has something to order.
            var fitness = Hash(item.Genome.Payload) % 1000 / 1000.0;
            return new FitnessReport(item.Genome.Id, fitness, new Dictionary<string, double>(StringComparer.Ordinal), null, host.Silo, "none", 0);
        }

        public void Dispose()
        {
        }

        // A cheap hash of the payload, word by word: the evaluator must cost next to nothing beside the engine.
        private static ulong Hash(byte[] payload)
        {
            var hash = 1469598103934665603UL;
            var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(payload);
            foreach (var word in words)
            {
                hash = (hash ^ word) * 1099511628211UL;
            }

            for (var i = words.Length * 8; i < payload.Length; i++)
            {
                hash = (hash ^ payload[i]) * 1099511628211UL;
            }

            return hash ^ (hash >> 29);
        }
    }
}
