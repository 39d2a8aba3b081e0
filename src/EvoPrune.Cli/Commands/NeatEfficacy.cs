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
/// its best network is scored by the fraction of the multiplexer's cases it answers correctly, and by SharpNEAT's own
/// fitness, Σ(1 − error²) over the cases, so its figures compare with SharpNEAT's efficacy anchor.
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
        var table = new Table().Title($"NEAT efficacy on {name}: {runs} runs of {seconds:F0} s, population {settings.PopulationSize}, fitness {multiplexer.Fitness.ToString().ToLowerInvariant()}")
            .AddColumns("run (seed)", "cases right", "fraction", "Σ(1 − error²)", "generations", "evaluations", "evaluations/s", "hidden nodes", "connections");
        var fractions = new List<double>();
        var squared = new List<double>();
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
            var network = NetworkFactory.Create(best, parallel);
            var right = multiplexer.CorrectCases(network);
            fractions.Add((double)right / multiplexer.CaseCount);
            squared.Add(multiplexer.SquaredErrorScore(network));
            table.AddRow(
                (seed + (ulong)r).ToString(CultureInfo.InvariantCulture),
                $"{right} of {multiplexer.CaseCount}",
                fractions[^1].ToString("F4", CultureInfo.InvariantCulture),
                squared[^1].ToString("F1", CultureInfo.InvariantCulture),
                (algorithm.Generation + 1).ToString(CultureInfo.InvariantCulture),
                algorithm.Evaluations.ToString("N0", CultureInfo.InvariantCulture),
                (algorithm.Evaluations / elapsed).ToString("N0", CultureInfo.InvariantCulture),
                best.HiddenCount.ToString(CultureInfo.InvariantCulture),
                best.EnabledConnectionCount.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Mean fraction right {fractions.Average():F4} (min {fractions.Min():F4}, max {fractions.Max():F4}) on {Environment.ProcessorCount} cores."));
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Mean Σ(1 − error²) {squared.Average():F1} of {multiplexer.CaseCount} (min {squared.Min():F1}, max {squared.Max():F1}); SharpNEAT's own fitness, without its bonus for a solution: its 60 s anchor on this machine kind is 1,794 (1,759-1,851) of 2,048 at population 600, and answering 0.5 everywhere scores {0.75 * multiplexer.CaseCount:F0}.")));
    }
}
