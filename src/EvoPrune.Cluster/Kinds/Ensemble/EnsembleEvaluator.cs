using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Fusion;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Learning.Experiments;

namespace EvoPrune.Cluster.Kinds.Ensemble;

/// <summary>
/// Trains the run's classifier pool once on this silo (seeded), caches its predictions on the selection and test
/// splits, and scores subsets from the cache: fitness is the fused accuracy (plus λ·diversity) on the selection split.
/// </summary>
internal sealed class EnsembleEvaluator : IGenomeEvaluator
{
    private readonly RunSpec _spec;
    private readonly EnsembleSettings _settings;
    private readonly EvaluationHost _host;
    private readonly Lazy<(EnsembleFitness Fitness, PoolPredictions Predictions)> _pool;

    public EnsembleEvaluator(RunSpec spec, EnsembleSettings settings, EvaluationHost host)
    {
        _spec = spec;
        _settings = settings;
        _host = host;
        _pool = new Lazy<(EnsembleFitness, PoolPredictions)>(TrainPool);
    }

    public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var clock = Stopwatch.StartNew();
        var (fitness, predictions) = _pool.Value;
        var mask = MaskPacking.UnpackBytes(item.Genome.Payload, predictions.Size);
        var members = SubsetRepair.Members(mask, predictions);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["members"] = members.Length,
            ["selection_accuracy"] = fitness.Scorer.SelectionAccuracy(mask),
            ["test_accuracy"] = fitness.Scorer.TestAccuracy(mask),
            ["diversity"] = PairwiseDiversity.Mean(predictions.Selection, members, _settings.Fitness.Diversity),
        };
        return new FitnessReport(item.Genome.Id, fitness.Evaluate(mask), scores, null, _host.Silo, "cpu", clock.Elapsed.TotalSeconds);
    }

    public void Dispose()
    {
    }

    private (EnsembleFitness, PoolPredictions) TrainPool()
    {
        var splits = DataCache.Load(_settings.Data, _spec.Seed, _host.DataDirectories);
        using var pool = ClassifierPool.Train(splits.Train, _settings.Pool, _spec.Seed);
        var predictions = pool.Predict(splits.Validation, splits.Test);
        return (new EnsembleFitness(predictions, _settings.Fitness), predictions);
    }
}
