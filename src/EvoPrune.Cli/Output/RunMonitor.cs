using System.Diagnostics;
using System.Globalization;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using Spectre.Console;

namespace EvoPrune.Cli.Output;

/// <summary>
/// Follows a run until it finishes: a line whenever the generation or the evaluation count moves (generation,
/// evaluations done/total, best and mean fitness, ETA), then a summary table, the genome kind's outcome line (NEAT: which
/// generation and genome solved the task) and the results folder. <c>run</c>, <c>status</c>, <c>submit --wait</c> and
/// <c>resume --wait</c> all end with <see cref="PrintSummary"/>.
/// </summary>
public static class RunMonitor
{
    public static async Task<RunStatus> WatchAsync(IGrainFactory grains, string runId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var run = grains.GetGrain<IRunGrain>(runId);
        var clock = Stopwatch.StartNew();
        var startGeneration = -1;
        var lastLine = string.Empty;
        while (true)
        {
            RunStatus status;
            try
            {
                // The first look at once; then at most every half second for the progress line, and the end as it comes.
                status = await (startGeneration < 0 ? run.GetStatusAsync() : run.WaitUntilFinishedAsync(TimeSpan.FromMilliseconds(500))).WaitAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OrleansException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The silo holding the coordinator is going away (or its activation was cancelled as it went): the
                // reminder brings it back elsewhere.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                continue;
            }

            startGeneration = startGeneration < 0 ? status.Generation : startGeneration;
            var line = Line(status, clock.Elapsed, startGeneration);
            if (line != lastLine)
            {
                AnsiConsole.MarkupLine(Markup.Escape(line));
                lastLine = line;
            }

            if (status.IsFinished)
            {
                return status;
            }
        }
    }

    public static void PrintSummary(RunStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var table = new Table().Title($"Run {Markup.Escape(status.RunId)}: {status.Phase}");
        foreach (var column in new[] { "gen", "population", "best", "mean", "evals", "failed", "silos", "best genome" })
        {
            table.AddColumn(column);
        }

        foreach (var h in status.History)
        {
            table.AddRow(
                h.Generation.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(h.Population),
                FitnessText.Format(h.BestFitness),
                FitnessText.Format(h.MeanFitness),
                h.Evaluations.ToString(CultureInfo.InvariantCulture),
                h.Failures.ToString(CultureInfo.InvariantCulture),
                h.EvaluationsBySilo.Count.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(h.BestSummary));
        }

        AnsiConsole.Write(table);
        if (status.Outcome != null)
        {
            AnsiConsole.MarkupLine(Markup.Escape(status.Outcome));
        }

        if (status.Error != null)
        {
            AnsiConsole.MarkupLine($"[red]Error:[/] {Markup.Escape(status.Error)}");
        }

        AnsiConsole.MarkupLine($"Results: {Markup.Escape(status.Folder)}");
    }

    private static string Line(RunStatus s, TimeSpan elapsed, int startGeneration)
    {
        var last = s.History.Count > 0 ? s.History[^1] : null;
        var fitness = last == null ? string.Empty : $"  best {FitnessText.Format(last.BestFitness)}  mean {FitnessText.Format(last.MeanFitness)}";
        var done = s.Generation - startGeneration;
        var eta = done > 0 && !s.IsFinished
            ? "  ETA " + TimeSpan.FromSeconds(elapsed.TotalSeconds / done * (s.Generations - s.Generation)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"[{s.Phase}] generation {Math.Min(s.Generation, s.Generations)}/{s.Generations}  evaluations {s.ItemsDone}/{s.ItemsTotal}{fitness}{eta}");
    }
}
