using System.Globalization;
using System.Text;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Storage;

/// <summary>Writes a finished run's results: <c>results.json</c> (machine-readable) and <c>summary.md</c> (for people).</summary>
public static class RunResults
{
    public static async Task<string> WriteAsync(IRunStore store, RunSpec spec, IReadOnlyList<GenerationSummary> history)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(history);
        var best = history.GroupBy(h => h.Population).Select(g => g.MaxBy(h => h.BestFitness)!).ToArray();
        var json = JsonSerializer.Serialize(new { spec.RunId, spec.Kind, spec.Seed, spec.Generations, spec.PopulationSize, best, history }, StoreJson.Options);
        await store.SaveResultAsync(spec.RunId, "results.json", json);

        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Run {spec.RunId}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Kind `{spec.Kind}`, seed {spec.Seed}, {spec.Generations} generations of {spec.PopulationSize}, from `{spec.Source}`.");
        if (history.FirstOrDefault(h => h.Solved > 0) is { } solved)
        {
            md.AppendLine();
            var by = solved.SolvedBy == null ? string.Empty : string.Create(CultureInfo.InvariantCulture, $", the fittest `{solved.SolvedBy}` (fitness {solved.SolvedFitness:F4}, {solved.SolvedSummary})");
            md.AppendLine(CultureInfo.InvariantCulture, $"Solved in generation {solved.Generation} ({solved.Solved} genome(s) of population {solved.Population} passed the task's success test{by}){(spec.StopWhenSolved ? "; the run stopped there" : string.Empty)}.");
        }
        md.AppendLine();
        md.AppendLine("| generation | population | best fitness | mean fitness | evaluations | failures | best genome |");
        md.AppendLine("|---:|---|---:|---:|---:|---:|---|");
        foreach (var h in history)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {h.Generation} | {h.Population} | {h.BestFitness:F4} | {h.MeanFitness:F4} | {h.Evaluations} | {h.Failures} | {h.BestSummary} |");
        }

        return await store.SaveResultAsync(spec.RunId, "summary.md", md.ToString());
    }
}
