using System.Diagnostics;
using EvoPrune.Data;
using EvoPrune.Data.Catalog;
using EvoPrune.Data.Splitting;
using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Search;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Ensembles.Protocol;

/// <summary>
/// Runs the CIF-E comparison (see <see cref="CifeOptions"/>): per fold, one pool (seed RandomKey(seed, r, f, "pool"))
/// shared by every method; the searches run on the selection split with seed RandomKey(seed, r, f, "search:name");
/// baselines are the single best member on the selection split ("single-best") and the vote of the whole pool
/// ("full-pool"). Every method is scored by the same fusion rule on the held-out fold.
/// </summary>
public static class CifeProtocol
{
    public const string SingleBest = "single-best";
    public const string FullPool = "full-pool";

    /// <summary>Runs every dataset and returns the outcomes; <paramref name="log"/> gets one line per fold.</summary>
    public static ResultsTable Run(CifeOptions options, DatasetCatalog? catalog = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        catalog ??= new DatasetCatalog();
        var watch = Stopwatch.StartNew();
        var outcomes = new List<FoldOutcome>();
        foreach (var name in options.Datasets)
        {
            var data = LoadAll(catalog, name, options.Seed);
            for (var repeat = 0; repeat < options.Repeats; repeat++)
            {
                var folds = StratifiedFolds.Assign(data.Labels, data.ClassCount, options.Folds, RandomSources.For(options.Seed, repeat, -1, "cv-folds"));
                for (var fold = 0; fold < options.Folds; fold++)
                {
                    var started = watch.Elapsed;
                    var test = data.Subset(Enumerable.Range(0, data.Count).Where(i => folds[i] == fold).ToArray());
                    var train = data.Subset(Enumerable.Range(0, data.Count).Where(i => folds[i] != fold).ToArray());
                    var fresh = RunFold(name, repeat, fold, train, test, options);
                    outcomes.AddRange(fresh);
                    log?.Invoke(FormattableString.Invariant(
                        $"{name} r{repeat} f{fold}: {string.Join(", ", fresh.Select(o => FormattableString.Invariant($"{o.Method}={o.TestAccuracy:F3}")))} ({(watch.Elapsed - started).TotalSeconds:F1}s)"));
                }
            }
        }

        return new ResultsTable(outcomes, watch.Elapsed);
    }

    /// <summary>One fold: trains the pool, runs baselines and searches, scores on <paramref name="test"/>.</summary>
    public static IReadOnlyList<FoldOutcome> RunFold(string dataset, int repeat, int fold, LabeledData train, LabeledData test, CifeOptions options)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        var (innerTrain, selection) = StratifiedSplit.Split(
            train, options.SelectionFraction, RandomSources.For(options.Seed, repeat, fold, "inner-split"), "inner-train", "selection");
        PoolPredictions predictions;
        using (var pool = ClassifierPool.Train(innerTrain, options.Pool, new RandomKey(options.Seed, repeat, fold, "pool").Digest()))
        {
            predictions = pool.Predict(selection, test);
        }

        var fitness = new EnsembleFitness(predictions, options.Fitness);
        var scorer = fitness.Scorer;
        var outcomes = new List<FoldOutcome>();
        void Add(string method, IReadOnlyList<bool> mask) => outcomes.Add(new FoldOutcome(
            dataset, repeat, fold, method, scorer.TestAccuracy(mask), fitness.Evaluate(mask), mask.Count(b => b)));

        var single = new bool[predictions.Size];
        single[predictions.BestMember] = true;
        Add(SingleBest, single);
        Add(FullPool, Enumerable.Repeat(true, predictions.Size).ToArray());
        foreach (var name in options.Searches)
        {
            var search = SubsetSearches.Create(name, options.Search);
            var seed = new RandomKey(options.Seed, repeat, fold, $"search:{name}").Digest();
            var result = search.Run(predictions.Size, fitness.EvaluateAll, seed, predictions.Selection.Accuracies);
            Add(name, Fusion.SubsetRepair.Repair(result.BestMask, predictions));
        }

        return outcomes;
    }

    /// <summary>All rows of a dataset (its train, validation and test files joined), for cross-validation.</summary>
    public static LabeledData LoadAll(DatasetCatalog catalog, string name, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var splits = catalog.Load(name, new DatasetLoadOptions { Seed = seed, ValidationFraction = 0 });
        var parts = new[] { splits.Train, splits.Validation, splits.Test };
        var features = parts.SelectMany(p => p.Features).ToArray();
        var labels = parts.SelectMany(p => p.Labels).ToArray();
        return new LabeledData(name, features, labels, splits.FeatureCount, splits.Train.ClassNames);
    }
}
