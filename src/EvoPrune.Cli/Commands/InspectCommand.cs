using System.CommandLine;
using System.Globalization;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cli.Kinds;
using Spectre.Console;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune inspect RUNID</c>: per-generation table, the top genomes (with the mask locality score), and pictures
/// written to the run's <c>pictures/</c> folder: fitness and sparsity curves, the best genome's first-layer mask
/// (sparse masks), the network that solved the task (else the best) as PNG and Graphviz DOT (NEAT), and which classifiers the top ensembles keep.
/// Reads the store directly, so it works on finished, stopped and running runs alike.
/// </summary>
internal static class InspectCommand
{
    // MNIST's 300 first-layer units at scale 16 make a 4,900 x 4,900 picture; larger scales only exhaust memory.
    private const int MaxScale = 16;

    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run to inspect" };
        var store = CommonOptions.Store();
        var top = new Option<int>("--top") { Description = "How many of the best genomes to list (1 to 1000)", DefaultValueFactory = _ => 5, Validators = { r => CommonOptions.Between(r, 1, 1000) } };
        var scale = new Option<int>("--scale") { Description = "Pixels per input pixel in mask pictures (1 to 16)", DefaultValueFactory = _ => 3, Validators = { r => CommonOptions.Between(r, 1, MaxScale) } };
        var dataDirs = CommonOptions.DataDirectories();
        var command = new Command("inspect", "Tables and pictures of a run: history, best genomes, masks, NEAT networks, ensemble membership") { runId, store, top, scale, dataDirs };
        command.SetAction((parse, _) => Errors.GuardAsync(async () =>
        {
            var run = await RunInspection.LoadAsync(parse.GetValue(store)!, parse.GetValue(runId)!, parse.GetValue(dataDirs) ?? []);
            foreach (var warning in run.Warnings)
            {
                AnsiConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
            }

            PrintHistory(run);
            PrintTop(run, Math.Max(1, parse.GetValue(top)));
            var pictures = Directory.CreateDirectory(Path.Combine(run.Folder, "pictures")).FullName;
            var written = new List<string>();
            CurvePlot.Fitness(run.Checkpoint.History, Path.Combine(pictures, "fitness.png"));
            written.Add(Path.Combine(pictures, "fitness.png"));
            // The kind's own pictures and tables (masks, networks, membership, reports), through the tools registered for it.
            written.AddRange(run.Tools.Inspect(run, new InspectRequest(pictures, Math.Max(1, parse.GetValue(top)), Math.Max(1, parse.GetValue(scale)))));

            AnsiConsole.MarkupLine("Pictures:");
            foreach (var path in written)
            {
                AnsiConsole.MarkupLine($"  {Markup.Escape(path)}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void PrintHistory(RunInspection run)
    {
        var table = new Table().Title($"Run {Markup.Escape(run.Spec.RunId)} ({Markup.Escape(run.Spec.Kind)}, seed {run.Spec.Seed}): {run.Record.Phase}")
            .AddColumns("gen", "population", "best", "mean", "worst", "best sparsity", "evaluations", "failures");
        foreach (var h in run.Checkpoint.History)
        {
            table.AddRow(
                Num(h.Generation),
                Markup.Escape(h.Population),
                F4(h.BestFitness),
                F4(h.MeanFitness),
                F4(h.WorstFitness),
                h.BestScores.TryGetValue("sparsity", out var s) ? s.ToString("P1", CultureInfo.InvariantCulture) : "-",
                Num(h.Evaluations),
                Num(h.Failures));
        }

        AnsiConsole.Write(table);
    }

    private static void PrintTop(RunInspection run, int count)
    {
        var table = new Table().Title($"Top {count} genomes (last checkpoint, generation {run.Checkpoint.Generation})")
            .AddColumns("rank", "genome", "fitness", "sparsity", "kept weights", "locality", "summary");
        foreach (var (member, rank) in run.Ranked.Take(count).Select((m, i) => (m, i + 1)))
        {
            var locality = run.Tools.FirstLayerMask(run, member.Genome) is { } first ? F4(MaskLocality.Score(first.Mask, first.Units, first.Input)) : "-";
            table.AddRow(
                Num(rank),
                Markup.Escape(member.Genome.Id),
                member.Report.Failed ? $"[red]failed[/]: {Markup.Escape(member.Report.Failure!)}" : F4(member.Report.Fitness),
                member.Report.Scores.TryGetValue("sparsity", out var s) ? s.ToString("P1", CultureInfo.InvariantCulture) : "-",
                member.Report.Scores.TryGetValue("kept_weights", out var k) ? k.ToString("N0", CultureInfo.InvariantCulture) : "-",
                locality,
                Markup.Escape(run.Summarize(member.Genome)));
        }

        AnsiConsole.Write(table);
    }

    private static string F4(double value) => Output.FitnessText.Format(value);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
