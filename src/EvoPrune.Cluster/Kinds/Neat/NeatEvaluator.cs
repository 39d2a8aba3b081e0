using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Cluster.Kinds.Neat;

/// <summary>Builds a genome's network and runs the task (XOR, multiplexer, pole balancing) on this silo's CPU.</summary>
internal sealed class NeatEvaluator(RunSpec spec, NeatRunSettings settings, EvaluationHost host) : IGenomeEvaluator
{
    // Every task is thread-safe (the in-process loop shares one among its threads as well; each episode's state lives
    // in the call), so one instance serves every evaluation on this silo: one copy of the classification data and of
    // the 11-multiplexer's 2,048 cases, which were built again for every evaluation before.
    private readonly INeatTask _task = settings.CreateTask(host.DataDirectories, spec.Seed);

    public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var started = Stopwatch.GetTimestamp();
        var genome = NeatKind.Decode(item.Genome);
        // Compiled into this thread's reused network: the task and the classifier only read it during this call.
        var network = NetworkFactory.CreateForEvaluation(genome, settings.Neat);
        var classification = _task as ClassificationTask;
        var scores = new Dictionary<string, double>(classification == null ? 3 : 4, StringComparer.Ordinal)
        {
            ["hidden_nodes"] = genome.HiddenCount,
            ["connections"] = genome.EnabledConnectionCount,
        };
        double fitness;
        if (classification != null)
        {
            (fitness, var accuracy) = classification.Measure(network);
            scores["accuracy"] = accuracy;
            scores[SuccessTest.ScoreName] = accuracy >= 1.0 || (settings.Neat.FitnessThreshold is { } threshold && fitness >= threshold) ? 1 : 0;
        }
        else
        {
            var result = _task.Evaluate(network);
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
