using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Hosting;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvoPrune.Bench;

/// <summary>Items 4, 5 and 7: the engine's own time per generation, one silo against two, and memory over a long run.</summary>
internal static class EngineBenchmarks
{
    /// <summary>The quickstart task (configs/quickstart.yaml): 10%-dense masks of LeNet-300-100 on USPS, 2 epochs of 2,000 samples.</summary>
    public static SparseMaskSettings Quickstart => new()
    {
        Data = new DataSpec { Dataset = "usps", ValidationFraction = 0.15, MaxTrain = 2000, MaxValidation = 1000 },
        Model = new ModelSpec { Architecture = "lenet300-100" },
        Training = new TrainerOptions { LearningRate = 0.2, Momentum = 0.9, Epochs = 2, BatchSize = 50 },
        Density = 0.1,
        TournamentSize = 3,
        MutationRate = 0.02,
        Elites = 2,
    };

    public static async Task<IReadOnlyList<BenchRow>> EngineOverheadAsync(BenchOptions options)
    {
        const string group = "Engine overhead per generation";
        var rows = new List<BenchRow>();

        // One quickstart evaluation as a worker runs it (the evaluator of the sparse-mask kind, from the registry a silo holds).
        var quickSpec = Spec("bench-quickstart-eval", SparseMaskKind.KindName, Quickstart, 1, 4);
        var kind = new ServiceCollection().AddSingleton(Options.Create(new EngineOptions())).AddBuiltInGenomeKinds()
            .BuildServiceProvider().GetRequiredService<GenomeKindRegistry>().Get(quickSpec);
        kind.Validate(quickSpec);
        var genome = kind.CreateStrategy(quickSpec).Propose("main", 0, [], []).Genomes[0];
        using var evaluator = kind.CreateEvaluator(quickSpec, new EvaluationHost("bench", DeviceSpec.Cpu, []));
        var evaluation = Timing.MedianSeconds(options.Repeats, () => evaluator.Evaluate(new WorkItem(quickSpec.RunId, 0, genome, 1), CancellationToken.None));
        rows.Add(new BenchRow(4, group, "one quickstart evaluation (LeNet-300-100, 2 epochs of 2,000)", evaluation, "s", options.Repeats));

        await using var cluster = await BenchCluster.StartAsync(1, options.Threads);
        foreach (var population in options.Populations.Count > 0 ? options.Populations : options.Quick ? [16, 64] : new[] { 16, 64, 256, 1024 })
        {
            // Enough generations that the run's start and end are a small part of the per-generation time: at P=1024 they
            // cost about 0.4 s (the first generation's masks, and a last checkpoint of 19 MB written and flushed), which
            // the 8 generations this size used to run spread as 50 ms over each.
            var generations = options.Quick ? 5 : 30;
            var times = new List<double>();
            for (var r = 0; r < options.Repeats; r++)
            {
                var spec = Spec($"bench-engine-{population}-{r}-{Guid.NewGuid():N}", NullEvaluationKind.KindName, Quickstart, generations, population);
                var (_, seconds) = await cluster.RunAsync(spec);
                times.Add(seconds / generations);
            }

            var perGeneration = Timing.Median(times);
            var share = 100 * perGeneration / (population * evaluation);
            var p = population.ToString(CultureInfo.InvariantCulture);
            var target = population switch { 64 => 0.010, 1024 => 0.100, _ => (double?)null };
            rows.Add(new BenchRow(
                4, group, $"P={p}: engine time per generation (evaluations take no time)", perGeneration * 1000, "ms", options.Repeats,
                target is { } t ? string.Create(CultureInfo.InvariantCulture, $"<= {t * 1000:F0} ms") : null, target is { } limit ? perGeneration <= limit : null,
                "whole run time / generations: leases, reports, breeding, checkpoints by the default policy (every 5 s)"));
            rows.Add(new BenchRow(
                4, group, $"P={p}: as a share of the generation's evaluation time", share, "%", options.Repeats,
                population == 64 ? "< 5%" : null, population == 64 ? share < 5 : null, "one worker, quickstart evaluations"));
        }

        return rows;
    }

    public static async Task<IReadOnlyList<BenchRow>> ScalingAsync(BenchOptions options)
    {
        const string group = "Scaling: 1 vs 2 silos";
        var settings = Quickstart with
        {
            // Evaluations long enough (about 0.25 s each on one thread) that the engine's own work is a small part.
            Data = new DataSpec { Dataset = "usps", ValidationFraction = 0.15, MaxTrain = options.Quick ? 300 : 4000, MaxValidation = 500 },
            Training = Quickstart.Training with { Epochs = options.Quick ? 1 : 5 },
        };
        var repeats = Math.Min(options.Repeats, 3);
        var population = options.Quick ? 4 : 16;
        var generations = options.Quick ? 1 : 3;
        var seconds = new Dictionary<int, double>();
        var perEvaluation = new Dictionary<int, double>();
        foreach (var silos in new[] { 1, 2 })
        {
            var times = new List<double>();
            var evaluations = new List<double>();
            await using var cluster = await ProcessCluster.StartAsync(silos, torchThreads: 1);
            for (var r = 0; r < repeats; r++)
            {
                var spec = Spec($"bench-scale-{silos}-{r}-{Guid.NewGuid():N}", SparseMaskKind.KindName, settings, generations, population);
                times.Add((await cluster.RunAsync(spec)).Seconds);
                evaluations.AddRange(cluster.EvaluationSeconds(spec.RunId));
            }

            seconds[silos] = Timing.Median(times);
            perEvaluation[silos] = Timing.Median(evaluations);
        }

        var ratio = seconds[1] / seconds[2];

        // Two silos share the machine's two cores (caches, memory bandwidth): how much slower one evaluation runs beside
        // another bounds the speed-up any engine could reach here.
        var ceiling = 2 * perEvaluation[1] / perEvaluation[2];
        return
        [
            new BenchRow(5, group, $"1 silo: run of {generations} x {population} evaluations (LeNet-300-100, {settings.Training.Epochs} epochs of {settings.Data.MaxTrain})", seconds[1], "s", repeats),
            new BenchRow(5, group, $"2 silos: the same run", seconds[2], "s", repeats),
            new BenchRow(5, group, "speed-up 1 silo / 2 silos", ratio, "x", repeats, ">= 1.6", ratio >= 1.6,
                "separate `evoprune silo` processes on localhost clustering, one worker and one Torch thread each"),
            new BenchRow(5, group, "one evaluation: alone (1 silo)", perEvaluation[1] * 1000, "ms", repeats, null, null, "median over every evaluation of the runs, as the worker timed it"),
            new BenchRow(5, group, "one evaluation: beside another (2 silos)", perEvaluation[2] * 1000, "ms", repeats),
            new BenchRow(5, group, "ceiling on this machine: 2 x alone / beside another", ceiling, "x", repeats, null, null,
                "the speed-up two silos would give with no engine cost at all"),
            new BenchRow(5, group, "speed-up as a share of the ceiling", 100 * ratio / ceiling, "%", repeats),
        ];
    }

    public static async Task<IReadOnlyList<BenchRow>> MemoryAsync(BenchOptions options)
    {
        const string group = "Memory over a long run";
        var settings = Quickstart with
        {
            Data = new DataSpec { Dataset = "usps", ValidationFraction = 0.15, MaxTrain = 200, MaxValidation = 100 },
            Model = new ModelSpec { Architecture = "mlp", Hidden = [32] },
            Training = Quickstart.Training with { Epochs = 1 },
            TournamentSize = 2,
            Elites = 1,
        };
        var generations = options.Quick ? 10 : 200;
        var warmUp = Math.Max(2, generations / 10);
        var samples = new SortedDictionary<int, double>();
        await using var cluster = await BenchCluster.StartAsync(1, options.Threads);
        var spec = Spec($"bench-memory-{Guid.NewGuid():N}", SparseMaskKind.KindName, settings, generations, 4);
        await cluster.RunAsync(spec, status =>
        {
            if (!samples.ContainsKey(status.Generation))
            {
                using var process = Process.GetCurrentProcess();
                samples[status.Generation] = process.WorkingSet64 / 1048576.0;
            }
        });

        var start = samples.Where(s => s.Key >= warmUp).Select(s => s.Value).FirstOrDefault(samples.Values.Last());
        var end = samples.Values.Last();
        var growth = end / start;
        var g = generations.ToString(CultureInfo.InvariantCulture);
        return
        [
            new BenchRow(7, group, $"resident memory after {warmUp.ToString(CultureInfo.InvariantCulture)} generations (warm-up)", start, "MB", 1),
            new BenchRow(7, group, $"resident memory after {g} generations", end, "MB", 1),
            new BenchRow(7, group, $"generation {g} over warm-up", growth, "x", 1, "<= 1.1 (flat)", growth <= 1.1,
                "a real sparse-mask run (MLP 256-32-10, population 4) in this process"),
        ];
    }

    private static RunSpec Spec(string runId, string kind, SparseMaskSettings settings, int generations, int population) =>
        new(runId, kind, 42, generations, population, ["main"], JsonSerializer.Serialize(settings, SparseMaskKind.Json), "bench")
        {
            KeepCheckpoints = 2,
        };
}
