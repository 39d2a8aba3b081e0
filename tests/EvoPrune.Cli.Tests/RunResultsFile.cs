using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cli.Tests;

/// <summary>Reads a finished run's results.json: the per-generation history that must replay exactly.</summary>
internal static class RunResultsFile
{
    public static IReadOnlyList<(int Generation, double Best, double Mean, string BestId)> History(string store, string runId)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(store, runId, "results.json")));
        return doc.RootElement.GetProperty("history").EnumerateArray()
            .Select(h => (h.GetProperty("generation").GetInt32(), h.GetProperty("bestFitness").GetDouble(), h.GetProperty("meanFitness").GetDouble(), h.GetProperty("bestGenomeId").GetString()!))
            .ToArray();
    }

    public static IReadOnlyList<string> Silos(string store, string runId) =>
        Directory.GetFiles(Path.Combine(store, runId, "reports"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("silo").GetString()!)
            .Distinct()
            .ToArray();

    /// <summary>The stored reports of one generation of a run in the file store at <paramref name="store"/>.</summary>
    public static Task<IReadOnlyList<FitnessReport>> ReportsAsync(string store, string runId, int generation) =>
        new FileRunStore(store).LoadReportsAsync(runId, generation);

    /// <summary>
    /// Waits until the run has stored a report of <paramref name="generation"/>: a line starting with that generation
    /// in one of its reports files, looked for in the raw bytes so that a kill follows the report as closely as a check
    /// for a file did (generations of the tiny runs take tens of milliseconds).
    /// </summary>
    public static Task WaitForReportsAsync(string store, string runId, int generation, TimeSpan timeout, CliProcess process)
    {
        var line = System.Text.Encoding.UTF8.GetBytes($"{{\"generation\":{generation},");
        var afterNewline = System.Text.Encoding.UTF8.GetBytes($"\n{{\"generation\":{generation},");
        var folder = Path.Combine(store, runId, "reports");
        return WaitUntilAsync(
            () => Directory.Exists(folder) && Directory.GetFiles(folder, "*.jsonl").Select(File.ReadAllBytes).Any(b => b.AsSpan().StartsWith(line) || b.AsSpan().IndexOf(afterNewline) >= 0),
            $"No report of generation {generation} of run {runId} in {store}",
            timeout,
            process);
    }

    public static Task WaitForFileAsync(string path, TimeSpan timeout, CliProcess process) =>
        WaitUntilAsync(() => File.Exists(path), $"{path} did not appear", timeout, process);

    // Polled often: a kill meant to land mid-run must follow what it waits for closely (generations are fast).
    private static async Task WaitUntilAsync(Func<bool> done, string missing, TimeSpan timeout, CliProcess process)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{missing} within {timeout}. Output:\n{process.Output}");
            }

            await Task.Delay(20);
        }
    }
}
