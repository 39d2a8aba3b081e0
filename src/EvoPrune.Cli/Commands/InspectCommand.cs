using System.CommandLine;
using System.Globalization;
using EvoPrune.Cli.Inspection;
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
            if (run.IsSparseMask)
            {
                CurvePlot.Sparsity(run.Checkpoint.History, Path.Combine(pictures, "sparsity.png"));
                written.Add(Path.Combine(pictures, "sparsity.png"));
                var best = run.Ranked[0].Genome;

                if (run.FirstLayerMask(best) is { } first)
                {
                    var path = Path.Combine(pictures, $"mask-{best.Id}.png");
                    MaskPicture.Save(first.Mask, first.Units, first.Input, Math.Max(1, parse.GetValue(scale)), path);
                    written.Add(path);
                }
            }

            // An activations run's final genome is the winner (its fitness is test accuracy, the others' validation accuracy).
            var shown = run.Ranked.FirstOrDefault(m => m.Report.Scores.GetValueOrDefault("final") > 0) ?? run.Ranked[0];
            if (run.ActivationChoices(shown.Genome) is { Count: > 0 } activations)
            {
                var path = Path.Combine(pictures, "activations.png");
                ActivationPlot.Save([.. activations.Select(a => ($"{a.Layer}: {Learning.Activations.ActivationRegistry.Describe(a.Function)}", Learning.Activations.ActivationRegistry.Get(a.Function)))], path);
                written.Add(path);
            }

            if (run.IsNeat)
            {
                var (champion, reason) = run.Champion();
                var best = champion.Genome;
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"Network drawn: {best.Id}, {reason} (fitness {F4(champion.Report.Fitness)}, {run.Summarize(best)})")));
                var network = RunInspection.NeatNetwork(best);
                var png = Path.Combine(pictures, $"network-{best.Id}.png");
                var dot = Path.Combine(pictures, $"network-{best.Id}.dot");
                NeatDrawing.SavePng(network, png);
                File.WriteAllText(dot, NeatDrawing.ToDot(network, best.Id));
                written.Add(png);
                written.Add(dot);
            }

            if (run.IsEnsemble)
            {
                var members = run.Ranked.Take(Math.Max(1, parse.GetValue(top))).ToArray();
                PrintMembership(run, members);
                var path = Path.Combine(pictures, "membership.png");
                MembershipPicture.Save(members.Select(m => run.Membership(m.Genome)).ToArray(), 4 * Math.Max(1, parse.GetValue(scale)), path);
                written.Add(path);
            }

            if (run.Spec.Kind == Cluster.Kinds.Pruning.PruningKind.KindName)
            {
                var members = run.Checkpoint.Populations.SelectMany(p => p.Members).ToArray();
                foreach (var (name, content) in Cluster.Kinds.Pruning.PruningRunReport.Render(run.Spec, members))
                {
                    var path = Path.Combine(run.Folder, name);
                    File.WriteAllText(path, content);
                    written.Add(path);
                }

                written.AddRange(PruningReportPictures.Write(run.Spec, members, run.Folder));
            }

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
            var locality = run.FirstLayerMask(member.Genome) is { } first ? F4(MaskLocality.Score(first.Mask, first.Units, first.Input)) : "-";
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

    /// <summary>Which pool classifiers each listed genome keeps: the picture's rows and columns, as a table.</summary>
    private static void PrintMembership(RunInspection run, IReadOnlyList<Cluster.Contracts.ScoredGenome> members)
    {
        var pool = run.PoolMembers();
        var table = new Table().Title("Ensemble membership (columns of membership.png, left to right)").AddColumns("column", "classifier");
        table.AddColumns(members.Select(m => Markup.Escape(m.Genome.Id)).ToArray());
        var rows = members.Select(m => run.Membership(m.Genome)).ToArray();
        for (var i = 0; i < pool.Count; i++)
        {
            table.AddRow([Num(i + 1), Markup.Escape(pool[i]), .. rows.Select(r => r[i] ? "x" : "")]);
        }

        AnsiConsole.Write(table);
    }

    private static string F4(double value) => Output.FitnessText.Format(value);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
