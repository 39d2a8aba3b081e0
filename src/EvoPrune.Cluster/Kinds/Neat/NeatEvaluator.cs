using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Cluster.Kinds.Neat;

/// <summary>Builds a genome's network and runs the task (XOR, multiplexer, pole balancing) on this silo's CPU.</summary>
internal sealed class NeatEvaluator(RunSpec spec, NeatRunSettings settings, EvaluationHost host) : IGenomeEvaluator
{
    // The classification task only reads its examples, so one instance (one copy of the data) serves every evaluation;
    // the control tasks keep per-episode state, so each of their evaluations gets its own.
    private readonly ClassificationTask? _classification =
        settings.Task == NeatRunSettings.ClassificationTaskName ? (ClassificationTask)settings.CreateTask(host.DataDirectories, spec.Seed) : null;

    public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var started = Stopwatch.GetTimestamp();
        var genome = NeatKind.Decode(item.Genome);
        // Compiled into this thread's reused network: the task and the classifier only read it during this call.
        var network = NetworkFactory.CreateForEvaluation(genome, settings.Neat);
        var scores = new Dictionary<string, double>(4, StringComparer.Ordinal)
        {
            ["hidden_nodes"] = genome.HiddenCount,
            ["connections"] = genome.EnabledConnectionCount,
        };
        double fitness;
        if (_classification != null)
        {
            (fitness, var accuracy) = _classification.Measure(network);
            scores["accuracy"] = accuracy;
            scores[SuccessTest.ScoreName] = accuracy >= 1.0 || (settings.Neat.FitnessThreshold is { } threshold && fitness >= threshold) ? 1 : 0;
        }
        else
        {
            var result = settings.CreateTask(host.DataDirectories, spec.Seed).Evaluate(network);
            fitness = result.Fitness;
            // The in-process loop also counts a fitness at or above the configured threshold as a solution; so does the engine.
            scores[SuccessTest.ScoreName] = result.Solved || (settings.Neat.FitnessThreshold is { } threshold && fitness >= threshold) ? 1 : 0;
        }

        return new FitnessReport(item.Genome.Id, fitness, scores, null, host.Silo, "cpu", Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    public void Dispose()
    {
    }
}
