using System.Diagnostics;
using System.Globalization;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Neat.Tasks;
using Spectre.Console;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// SharpNEAT-style efficacy sampling for <c>neat-bench --seconds</c>: each run evolves for a fixed wall-clock budget
/// (evaluation spread over all cores; results do not depend on the thread count, only how far a run gets does), then
/// its best network is scored by the fraction of the multiplexer's cases it answers correctly.
/// </summary>
internal static class NeatEfficacy
{
    public static void Write(string name, INeatTask task, NeatSettings settings, int runs, ulong seed, double seconds)
    {
        if (task is not MultiplexerTask multiplexer)
        {
            throw new ArgumentException($"--seconds samples the multiplexer tasks (mux6, mux11), not '{name}'.");
        }

        if (!(seconds > 0 && double.IsFinite(seconds)))
        {
            throw new ArgumentException($"--seconds must be a positive number, got {seconds.ToString(CultureInfo.InvariantCulture)}.");
        }

        var parallel = settings with { EvaluationParallelism = Environment.ProcessorCount, MaxGenerations = int.MaxValue };
        var table = new Table().Title($"NEAT efficacy on {name}: {runs} runs of {seconds:F0} s, population {settings.PopulationSize}")
            .AddColumns("run (seed)", "cases right", "fraction", "generations", "evaluations", "evaluations/s", "hidden nodes", "connections");
        var fractions = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var algorithm = new NeatAlgorithm(parallel, task, seed + (ulong)r);
            var clock = Stopwatch.StartNew();
            var stats = algorithm.Initialize();
            while (!stats.Solved && clock.Elapsed.TotalSeconds < seconds)
            {
                stats = algorithm.Step();
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            var best = algorithm.Population.MaxBy(p => p.Fitness)!.Genome;
            var right = multiplexer.CorrectCases(NetworkFactory.Create(best, parallel));
            fractions.Add((double)right / multiplexer.CaseCount);
            table.AddRow(
                (seed + (ulong)r).ToString(CultureInfo.InvariantCulture),
                $"{right} of {multiplexer.CaseCount}",
                fractions[^1].ToString("F4", CultureInfo.InvariantCulture),
                (algorithm.Generation + 1).ToString(CultureInfo.InvariantCulture),
                algorithm.Evaluations.ToString("N0", CultureInfo.InvariantCulture),
                (algorithm.Evaluations / elapsed).ToString("N0", CultureInfo.InvariantCulture),
                best.HiddenCount.ToString(CultureInfo.InvariantCulture),
                best.EnabledConnectionCount.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Mean fraction right {fractions.Average():F4} (min {fractions.Min():F4}, max {fractions.Max():F4}) on {Environment.ProcessorCount} cores."));
    }
}
