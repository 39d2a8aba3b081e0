using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Bench;

/// <summary>
/// Item 8: NEAT XOR (population 150, the paper's settings, no stop when solved) as a run on an embedded silo against
/// the same algorithm's in-process loop, side by side in one process: what the engine adds to a generation whose
/// evaluations take microseconds. With <c>--store postgres://…</c> (or EVOPRUNE_BENCH_STORE) the engine run also goes
/// against that PostgreSQL, beside the file store.
/// </summary>
internal static class EngineNeatBenchmarks
{
    public static async Task<IReadOnlyList<BenchRow>> RunAsync(BenchOptions options)
    {
        const string group = "NEAT on the engine";
        var generations = options.Quick ? 20 : 200;
        var repeats = options.Quick ? 1 : 5;
        var settings = new NeatRunSettings { Task = "xor" };
        var inProcess = new List<double>();
        var onEngine = new List<double>();
        var onPostgres = new List<double>();
        var generationTimes = new List<(double Total, double Engine)>();
        var postgres = options.PostgresStore;
        await using var cluster = await BenchCluster.StartAsync(1, options.Threads);
        await using var pgCluster = postgres == null ? null : await BenchCluster.StartAsync(1, options.Threads, postgres);
        // Untimed runs of each until the JIT has settled (see Timing.WarmUpAsync): a fixed 6 s left about 3,800 methods
        // and 2.7 s of compilation to the timed runs, on the engine's side (the silo, the store, Npgsql) rather than the
        // in-process loop's, which is optimised within a second.
        var (rounds, settled) = await Timing.WarmUpAsync(
            async w =>
            {
                await RunOnEngineAsync(cluster, settings, generations, 100 + (ulong)w);
                InProcess(settings, generations, 100 + (ulong)w);
                if (pgCluster != null)
                {
                    await RunOnEngineAsync(pgCluster, settings, generations, 100 + (ulong)w);
                }
            },
            options.Quick ? TimeSpan.Zero : TimeSpan.FromSeconds(6),
            options.Quick ? TimeSpan.Zero : TimeSpan.FromSeconds(45));
        var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var r = 0; r < repeats; r++)
        {
            var seed = (ulong)(r + 1);
            inProcess.Add(InProcess(settings, generations, seed) / generations);
            using (GenerationInstruments.Listen(generationTimes))
            {
                onEngine.Add(await RunOnEngineAsync(cluster, settings, generations, seed) / generations);
            }

            if (pgCluster != null)
            {
                onPostgres.Add(await RunOnEngineAsync(pgCluster, settings, generations, seed) / generations);
            }
        }

        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore;
        var warm = string.Create(CultureInfo.InvariantCulture, $"after {rounds} warm-up rounds ({(settled ? "JIT settled" : "JIT still compiling")}; {compiled} methods compiled during the timed runs)");
        var local = Timing.Median(inProcess);
        var engine = Timing.Median(onEngine);
        var ratio = engine / local;
        var g = generations.ToString(CultureInfo.InvariantCulture);
        var rows = new List<BenchRow>
        {
            new(8, group, $"XOR in-process loop: time per generation ({g} generations of 150)", local * 1000, "ms", repeats),
            new(8, group, "XOR on the engine (embedded silo, file store): time per generation", engine * 1000, "ms", repeats),
            new(8, group, "engine / in-process, per generation", ratio, "x", repeats, "<= 2", ratio <= 2, $"the same seeds, the same champion; checkpoints by the default policy (every 5 s); {warm}"),
            new(8, group, "XOR on the engine: median generation by the engine's own instrument", Timing.Median(generationTimes.Select(t => t.Total).ToList()) * 1000, "ms", generationTimes.Count, Note: "evoprune.generation.duration: one generation's opening to the next one's; the run's start and end are not in it"),
        };
        if (onPostgres.Count > 0)
        {
            var pg = Timing.Median(onPostgres);
            rows.Add(new(8, group, "XOR on the engine with the PostgreSQL store: time per generation", pg * 1000, "ms", repeats));
            rows.Add(new(8, group, "PostgreSQL store / file store, wall time", pg / engine, "x", repeats, "<= 1.5", pg / engine <= 1.5, "reports written behind, a batch per row; checkpoints in one transaction"));
        }
        else
        {
            Console.Error.WriteLine("  item 8: the PostgreSQL store is not measured; give --store postgres://user@host:port/db (or EVOPRUNE_BENCH_STORE) to compare it with the file store");
        }

        return rows;
    }

    private static double InProcess(NeatRunSettings settings, int generations, ulong seed)
    {
        var clock = Stopwatch.StartNew();
        var algorithm = new NeatAlgorithm(settings.Neat with { MaxGenerations = generations + 1 }, new XorTask(), seed);
        algorithm.Initialize();
        for (var i = 1; i < generations; i++)
        {
            algorithm.Step();
        }

        return clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> RunOnEngineAsync(BenchCluster cluster, NeatRunSettings settings, int generations, ulong seed = 1)
    {
        var spec = new RunSpec($"bench-neat-{Guid.NewGuid():N}", NeatKind.KindName, seed, generations, settings.Neat.PopulationSize, ["main"], JsonSerializer.Serialize(settings, NeatKind.Json), "bench")
        {
            StopWhenSolved = false,
            KeepCheckpoints = 2,
        };
        var (_, seconds) = await cluster.RunAsync(spec);
        return seconds;
    }
}
