using System.CommandLine;
using System.Globalization;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Tasks;
using Spectre.Console;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune neat-bench</c>: many seeded NEAT runs on one task with the paper's settings, printed beside the
/// published figures (Stanley and Miikkulainen 2002: XOR §4.2, double pole with velocities Table 1).
/// </summary>
internal static class NeatBenchCommand
{
    // The paper's settings for DPNV (§4.3.3): population 1,000, c3 = 3.0, δt = 4.0, add-link 0.3, recurrent networks.
    private static readonly Func<NeatSettings, NeatSettings> Dpnv = s => s with
    {
        PopulationSize = 1000, WeightCoefficient = 3.0, CompatibilityThreshold = 4.0, AddConnectionProbability = 0.3, FeedForward = false,
    };

    private static readonly Dictionary<string, (Func<INeatTask> Task, Func<NeatSettings, NeatSettings> Settings, string Paper)> Tasks = new(StringComparer.Ordinal)
    {
        ["xor"] = (() => new XorTask(), s => s, "32 generations, 4,755 evaluations (std 2,553, worst 13,459), 2.35 hidden nodes, 0 failures in 100 runs"),
        ["mux6"] = (() => MultiplexerTask.Six, s => s, "not in the paper"),
        ["mux11"] = (() => MultiplexerTask.Eleven, s => s, "not in the paper"),
        ["pole"] = (() => new PoleBalancingTask(1, velocities: true), s => s, "not in the paper (single pole with velocities)"),
        ["pole2"] = (() => new PoleBalancingTask(2, velocities: true), s => s, "24 generations, 3,600 evaluations (std 2,704), 0-4 hidden nodes, over 120 runs"),
        ["pole2-nv"] = (() => new GruauPoleBalancingTask(), Dpnv, "33,184 evaluations (std 21,790), population 1,000, champions generalise to 286 of 625 starts, 0 failures, over 20 runs"),
    };

    private const string AbsoluteFitness = "absolute";
    private const string SquaredFitness = "squared";

    // Up to this many runs, each run's champion gets a line of its own.
    private const int MaxRunsListed = 10;

    // The worst XOR run issue 16 allows, in evaluations.
    private const int XorWorstTarget = 15_000;

    // Other implementations measured on the 2-core development machine kind (../shared/reference/neat.md).
    private static readonly Dictionary<string, string> Anchors = new(StringComparer.Ordinal)
    {
        ["xor"] = "Original NEAT C++ 1.2, paper parameters: 83 of 85 runs, 5,424 evaluations (std 2,726), worst 13,094. SharpNEAT (own config): 99-100/100, ~26,000 evaluations, 3.2-3.5 hidden nodes, 290k evaluations/s (2 threads).",
        ["mux6"] = "SharpNEAT (population 300): 30/30 solved, about 242,000 evaluations, 100-134k evaluations/s.",
        ["mux11"] = "SharpNEAT (population 600): best fitness after 60 s 1,794 of 2,048 on average (range 1,759-1,851), 9.3k evaluations/s.",
    };

    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "xor, mux6, mux11, pole (single, with velocities), pole2 (double, with velocities) or pole2-nv (double, no velocities, Gruau fitness)", DefaultValueFactory = _ => "xor" };
        var runs = new Option<int>("--runs") { Description = "Independent runs (seeds seed, seed+1, ...)", DefaultValueFactory = _ => 20, Validators = { r => CommonOptions.Between(r, 1, 10000) } };
        var seed = new Option<ulong>("--seed") { Description = "First seed", DefaultValueFactory = _ => 1UL };
        var generations = new Option<int>("--max-generations") { Description = "Generations before a run counts as failed", DefaultValueFactory = _ => 150, Validators = { r => CommonOptions.Between(r, 1, 1000000) } };
        var ablation = new Option<bool>("--ablation") { Description = "Run each difference between the paper and the original C++ release one at a time (a table row each)" };
        var literal = new Option<bool>("--paper-literal") { Description = "Start from the paper's text alone: add-node splits any enabled link, weights are mutated in 80% of children, a crossover child may be an unmutated copy of identical parents, parents of equal fitness both give their extra genes (EvoPrune's defaults follow the C++ release), and the population's best genome is not kept when its species stagnates or is small" };
        var seconds = new Option<double>("--seconds") { Description = "Efficacy mode (mux6, mux11): run each run for this many seconds of wall-clock time on all cores and report the fraction of cases its best network gets right" };
        var population = new Option<int>("--population") { Description = "Population size instead of the task's (150; 1,000 for pole2-nv); SharpNEAT's multiplexer anchors use 300 (mux6) and 600 (mux11)", Validators = { r => CommonOptions.Between(r, 2, 100000) } };
        var fitness = new Option<string>("--fitness")
        {
            Description = "Multiplexer fitness (mux6, mux11): absolute (cases right + Σ(1 − |error|), the default) or squared (SharpNEAT's Σ(1 − error²))",
            DefaultValueFactory = _ => AbsoluteFitness,
            Validators =
            {
                r =>
                {
                    if (r.Tokens is [.., var token] && token.Value is not (AbsoluteFitness or SquaredFitness))
                    {
                        r.AddError($"--fitness {token.Value}: must be {AbsoluteFitness} or {SquaredFitness}.");
                    }
                },
            },
        };
        var command = new Command("neat-bench", "Run NEAT many times on a task and compare with the paper's figures") { task, runs, seed, generations, ablation, literal, seconds, population, fitness };
        command.SetAction((parse, _) => Errors.GuardAsync(() =>
        {
            var name = parse.GetValue(task)!;
            if (!Tasks.TryGetValue(name, out var entry))
            {
                throw new ArgumentException($"Unknown NEAT task '{name}'. Known: {string.Join(", ", Tasks.Keys)}.");
            }

            var settings = SettingsFor(name, parse.GetValue(generations), parse.GetValue(literal));
            if (parse.GetValue(population) is var size && size != 0)
            {
                settings = (settings with { PopulationSize = size }).Validate();
            }

            var makeTask = TaskFactory(name, parse.GetValue(fitness)!);
            if (parse.GetValue(seconds) is var budget && budget != 0)
            {
                NeatEfficacy.Write(name, makeTask(), settings, parse.GetValue(runs), parse.GetValue(seed), budget);
                return Task.FromResult(ExitCodes.Ok);
            }

            if (parse.GetValue(ablation))
            {
                WriteAblation(name, makeTask, settings, parse.GetValue(runs), parse.GetValue(seed));
                return Task.FromResult(ExitCodes.Ok);
            }

            var result = NeatBenchmark.Run(makeTask(), settings, parse.GetValue(runs), parse.GetValue(seed));
            var table = new Table().Title($"NEAT on {name}: {result.Runs} runs, population {settings.PopulationSize}, up to {settings.MaxGenerations} generations")
                .AddColumns("measure", "EvoPrune");
            string F(double v, string format = "F1") => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
            table.AddRow("solved", $"{result.Successes}/{result.Runs} ({result.SuccessRate:P0})");
            table.AddRow("mean generations to solve", F(result.MeanGenerations));
            table.AddRow("mean evaluations (std)", $"{F(result.MeanEvaluations, "F0")} ({F(result.StdEvaluations, "F0")})");
            table.AddRow("worst evaluations", result.WorstEvaluations.ToString(CultureInfo.InvariantCulture));
            if (name == "xor" && result.Runs >= 100)
            {
                // Issue 16's XOR target holds for a range of 100 runs: every run solved within at most 15,000 evaluations.
                static bool Missed(NeatRunResult r) => !r.Solved || r.Evaluations > XorWorstTarget;
                var ranges = result.Results.Chunk(100).Where(c => c.Length == 100).ToArray();
                var met = ranges.Count(c => !c.Any(Missed));
                table.AddRow("runs unsolved or over 15,000 evaluations", $"{result.Results.Count(Missed)} of {result.Runs}");
                table.AddRow("100-run ranges all solved within 15,000", $"{met} of {ranges.Length}");
            }

            table.AddRow("hidden nodes of solutions (std)", $"{F(result.MeanHiddenNodes, "F2")} ({F(result.StdHiddenNodes, "F2")})");
            table.AddRow("connections of solutions", F(result.MeanEnabledConnections, "F2"));
            if (name == "pole2-nv" && result.Solutions.Count > 0)
            {
                var starts = result.Solutions.Select(g => GruauPoleBalancingTask.Generalization(Evolution.Neat.Phenotypes.NetworkFactory.Create(g, settings))).ToArray();
                table.AddRow("generalisation of solutions (of 625)", $"{F(starts.Average())} (min {starts.Min()})");
            }

            table.AddRow("wall time", $"{F(result.ElapsedSeconds)} s");
            table.AddRow("evaluations per second (all runs, breeding included)", $"{F(result.EvaluationsPerSecond, "N0")} on {Environment.ProcessorCount} cores");
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"Paper: {Markup.Escape(entry.Paper)}");
            if (Anchors.TryGetValue(name, out var anchor))
            {
                AnsiConsole.MarkupLine(Markup.Escape(anchor));
            }

            // A few runs: each one's champion, in the words `evoprune run` ends with (the same seed gives the same one there).
            for (var r = 0; r < result.Results.Count && result.Results.Count <= MaxRunsListed; r++)
            {
                var run = result.Results[r];
                var outcome = run.Solved ? $"solved: generation {run.Generations - 1}" : $"not solved within {run.Generations} generations; best";
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                    $"seed {parse.GetValue(seed) + (ulong)r}: {outcome} (fitness {run.ChampionFitness:F4}, {run.Champion.HiddenCount} hidden nodes, {run.Champion.EnabledConnectionCount} connections)")));
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    /// <summary>The task <c>neat-bench --task <paramref name="name"/></c> runs (each run gets its own instance).</summary>
    internal static INeatTask TaskFor(string name) => Tasks[name].Task();

    /// <summary>
    /// The task of <c>neat-bench --task <paramref name="name"/> --fitness <paramref name="fitness"/></c>: absolute is
    /// each task's own fitness; squared scores a multiplexer by Σ(1 − error²) and is refused for the other tasks.
    /// </summary>
    internal static Func<INeatTask> TaskFactory(string name, string fitness)
    {
        if (fitness == AbsoluteFitness)
        {
            return Tasks[name].Task;
        }

        return name switch
        {
            "mux6" => () => MultiplexerTask.SixWith(MultiplexerFitness.Squared),
            "mux11" => () => MultiplexerTask.ElevenWith(MultiplexerFitness.Squared),
            _ => throw new ArgumentException($"--fitness {fitness} scores the multiplexer tasks (mux6, mux11), not '{name}'."),
        };
    }

    /// <summary>The settings of <c>neat-bench --task <paramref name="name"/> --max-generations <paramref name="maxGenerations"/></c> (and <c>--paper-literal</c>).</summary>
    internal static NeatSettings SettingsFor(string name, int maxGenerations, bool paperLiteral) =>
        Tasks[name].Settings(paperLiteral ? PaperLiteral(maxGenerations) : new NeatSettings { MaxGenerations = maxGenerations }).Validate();

    /// <summary>
    /// The paper's text alone: the defaults without the C++ release's behaviours, with its 80% weight mutation,
    /// without keeping the population's champion and without splitting a population left in one species.
    /// </summary>
    internal static NeatSettings PaperLiteral(int maxGenerations) => new()
    {
        MaxGenerations = maxGenerations,
        AddNodeFavoursOldLinks = false,
        WeightMutationProbability = 0.8,
        MutateChildOfIdenticalParents = false,
        EqualFitnessPrefersSmaller = false,
        KeepPopulationChampion = false,
        OneSpeciesThresholdScale = 0,
    };

    private static void WriteAblation(string name, Func<INeatTask> task, NeatSettings settings, int runs, ulong seed)
    {
        var table = new Table().Title($"NEAT ablation on {name}: {runs} runs each (seeds {seed}-{seed + (ulong)runs - 1}), up to {settings.MaxGenerations} generations")
            .AddColumns("setting changed", "solved", "mean generations", "mean evaluations (std)", "worst", "hidden nodes (std)", "connections");
        foreach (var (variant, apply) in NeatAblations.Variants)
        {
            var r = NeatBenchmark.Run(task(), apply(settings).Validate(), runs, seed);
            string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
            table.AddRow(Markup.Escape(variant), $"{r.Successes}/{r.Runs}", F(r.MeanGenerations, "F1"), $"{F(r.MeanEvaluations, "N0")} ({F(r.StdEvaluations, "N0")})",
                r.WorstEvaluations.ToString("N0", CultureInfo.InvariantCulture), $"{F(r.MeanHiddenNodes, "F2")} ({F(r.StdHiddenNodes, "F2")})", F(r.MeanEnabledConnections, "F1"));
            Console.Error.WriteLine($"{variant}: {r.Successes}/{r.Runs}, {r.MeanEvaluations:F0} evaluations, {r.MeanHiddenNodes:F2} hidden");
        }

        AnsiConsole.Write(table);
    }
}
