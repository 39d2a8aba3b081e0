using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Ensemble;
using EvoPrune.Cluster.Telemetry;
using EvoPrune.Data.Catalog;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Learning.Experiments;

namespace EvoPrune.Bench;

/// <summary>
/// Item 10: CIF-E ensemble selection on an embedded silo (configs/ensemble-uci.yaml's run: UMDA over the default pool of
/// 20 classifiers, 20 genomes a generation, on the UCI vehicle silhouettes): how much of a search generation, after the
/// pool is trained in generation 0, is the engine's own time and how much is evaluation. Both come from the engine's
/// instruments (<c>evoprune.generation.duration</c> and <c>evoprune.generation.engine_duration</c>), read here through
/// <see cref="GenerationInstruments"/>. Without the UCI tables (EVOPRUNE_DATA) it runs on the shipped USPS digits instead,
/// 2,000 training samples and the small pool, and says so.
/// </summary>
internal static class EnsembleEngineBenchmarks
{
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options)
    {
        const string group = "Ensemble selection on the engine";
        var vehicle = new DatasetCatalog(new DatasetCatalogOptions()).Locate("statlog_vehicle") != null;
        var settings = vehicle
            ? new EnsembleSettings { Data = new DataSpec { Dataset = "statlog_vehicle", ValidationFraction = 0.25 }, Pool = new PoolSpec { Members = BaseClassifiers.Default } }
            : new EnsembleSettings { Data = new DataSpec { Dataset = "usps", ValidationFraction = 0.25, MaxTrain = 2000 }, Pool = new PoolSpec { Members = BaseClassifiers.Small } };
        var task = vehicle ? "statlog_vehicle, pool of 20" : "USPS (UCI tables not found), 2,000 samples, pool of 8";
        if (!vehicle)
        {
            Console.Error.WriteLine("  item 10: statlog_vehicle not found (set EVOPRUNE_DATA to the UCI tables); measuring on the shipped USPS digits instead");
        }

        var generations = options.Quick ? 4 : 15;
        var repeats = options.Quick ? 1 : 3;
        var engine = new List<double>();
        var evaluation = new List<double>();
        await using var cluster = await BenchCluster.StartAsync(1, options.Threads);
        for (var r = 0; r < repeats; r++)
        {
            var spec = new RunSpec($"bench-ensemble-{r}-{Guid.NewGuid():N}", EnsembleKind.KindName, (ulong)r + 1, generations, 20, ["main"], JsonSerializer.Serialize(settings, EnsembleKind.Json), "bench");
            var times = new List<(double Total, double Engine)>();
            using (var listener = GenerationInstruments.Listen(times))
            {
                await cluster.RunAsync(spec);
            }

            // Generation 0 trains the pool; the search generations after it are what the target is about.
            foreach (var (total, engineSeconds) in times.Skip(1))
            {
                engine.Add(engineSeconds);
                evaluation.Add(total - engineSeconds);
            }
        }

        var engineMedian = Timing.Median(engine);
        var evaluationMedian = Timing.Median(evaluation);
        var ratio = engineMedian / evaluationMedian;
        var n = engine.Count;
        var note = string.Create(CultureInfo.InvariantCulture, $"{task}; generations 1-{generations - 1} of {repeats} runs (generation 0 trains the pool)");
        return
        [
            new(10, group, "engine time per search generation (of 20 genomes)", engineMedian * 1000, "ms", n, Note: note),
            new(10, group, "evaluation time per search generation (first lease to last report)", evaluationMedian * 1000, "ms", n),
            new(10, group, "engine / evaluation, per search generation", ratio, "x", n, "<= 1", ratio <= 1, "medians of the engine's own generation instruments"),
        ];
    }
}
