using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Cluster.Kinds.Neat;

/// <summary>Builds a genome's network and runs the task (XOR, multiplexer, pole balancing) on this silo's CPU.</summary>
internal sealed class NeatEvaluator(NeatRunSettings settings, EvaluationHost host) : IGenomeEvaluator
{
    public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var clock = Stopwatch.StartNew();
        var genome = NeatKind.Decode(item.Genome);
        // Tasks may keep per-episode state, so each evaluation gets its own.
        var result = settings.CreateTask().Evaluate(NetworkFactory.Create(genome, settings.Neat));
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["solved"] = result.Solved ? 1 : 0,
            ["hidden_nodes"] = genome.HiddenCount,
            ["connections"] = genome.EnabledConnectionCount,
        };
        return new FitnessReport(item.Genome.Id, result.Fitness, scores, null, host.Silo, "cpu", clock.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
    }
}
