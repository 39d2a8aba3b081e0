using System.Diagnostics;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Bench;

/// <summary>
/// Item 6: NEAT evaluations per second of whole-run time (breeding, speciation and phenotype building included) on
/// XOR, the 6- and 11-multiplexer and the double pole, one thread and all cores, beside SharpNEAT's figures measured on
/// this machine kind (../shared/reference/neat.md); and generations per second at population 150. Each configuration
/// runs unmeasured for a second before its timed repeats, so the code is timed as the JIT optimises it in a long run.
/// </summary>
internal static class NeatBenchmarks
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public static IEnumerable<BenchRow> Run(BenchOptions options)
    {
        const string group = "NEAT";
        var generations = options.Quick ? 5 : 50;
        // The double pole runs until solved (as neat-bench does): a population of solvers would spend 100,000 steps each.
        var cases = new (string Name, Func<INeatTask> Task, bool UntilSolved, string? Target, double Goal)[]
        {
            ("XOR", () => new XorTask(), false, ">= 290,000 (SharpNEAT, 2 threads)", 290_000),
            ("6-multiplexer", () => MultiplexerTask.Six, false, ">= 100,000 (SharpNEAT 100-134k)", 100_000),
            ("11-multiplexer", () => MultiplexerTask.Eleven, false, null, 0),
            ("double pole with velocities", () => new PoleBalancingTask(2, velocities: true), true, null, 0),
        };
        foreach (var (name, task, untilSolved, target, goal) in cases)
        {
            foreach (var threads in new[] { 1, Environment.ProcessorCount })
            {
                var rates = new List<double>();
                var speeds = new List<double>();
                // Unmeasured runs first (seeds 1000, 1001, ...) for at least a second: a run of 51 XOR generations takes
                // tens of milliseconds, so without them the repeats would time the code as the JIT first compiles it
                // (tiered compilation optimises hot methods only after they have run for a while), not the algorithm.
                var warming = Stopwatch.StartNew();
                for (var w = 0UL; w == 0 || warming.Elapsed < WarmUp; w++)
                {
                    RunOnce(task, untilSolved, generations, threads, 1000 + w);
                }

                for (var r = 0; r < options.Repeats; r++)
                {
                    var (algorithm, seconds) = RunOnce(task, untilSolved, generations, threads, (ulong)r + 1);
                    rates.Add(algorithm.Evaluations / seconds);
                    speeds.Add((algorithm.Generation + 1) / seconds);
                }

                var rate = Timing.Median(rates);
                var all = threads > 1;
                yield return new BenchRow(6, group, $"{name}: evaluations per second, {threads} thread{(all ? "s" : string.Empty)} (population 150)", rate, "evaluations/s", options.Repeats,
                    all ? target : null, all && target != null ? rate >= goal : null, untilSolved ? "runs until solved (100,000 steps)" : $"{generations + 1} generations, breeding and speciation included");
                if (!all && name is "XOR" or "11-multiplexer")
                {
                    yield return new BenchRow(6, group, $"{name}: generations per second (population 150)", Timing.Median(speeds), "generations/s", options.Repeats,
                        null, null, $"{generations + 1} generations, breeding and speciation included");
                }
            }
        }
    }

    // One run, timed: a fixed generation count (no stop when solved), so every repeat does comparable work; the double
    // pole until solved.
    private static (NeatAlgorithm Algorithm, double Seconds) RunOnce(Func<INeatTask> task, bool untilSolved, int generations, int threads, ulong seed)
    {
        var algorithm = new NeatAlgorithm(new NeatSettings { MaxGenerations = untilSolved ? 100 : generations + 1, EvaluationParallelism = threads }, task(), seed);
        var clock = Stopwatch.StartNew();
        if (untilSolved)
        {
            algorithm.Run();
        }
        else
        {
            algorithm.Initialize();
            for (var g = 0; g < generations; g++)
            {
                algorithm.Step();
            }
        }

        return (algorithm, clock.Elapsed.TotalSeconds);
    }
}
