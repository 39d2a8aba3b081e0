using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cli.Inspection;

/// <summary>Line charts of a run's history (ScottPlot), one line per population and statistic.</summary>
public static class CurvePlot
{
    public const int Width = 800;
    public const int Height = 500;

    public static void Fitness(IReadOnlyList<GenerationSummary> history, string path) =>
        Save(history, path, "Fitness per generation", "fitness", [("best", h => h.BestFitness), ("mean", h => h.MeanFitness), ("worst", h => h.WorstFitness)]);

    public static void Sparsity(IReadOnlyList<GenerationSummary> history, string path) =>
        Save(history, path, "Sparsity of the best genome", "sparsity", [("best", h => h.BestScores.TryGetValue("sparsity", out var s) ? s : double.NaN)]);

    private static void Save(IReadOnlyList<GenerationSummary> history, string path, string title, string axis, (string Name, Func<GenerationSummary, double> Value)[] series)
    {
        var plot = new ScottPlot.Plot();
        foreach (var population in history.GroupBy(h => h.Population))
        {
            var xs = population.Select(h => (double)h.Generation).ToArray();
            foreach (var (name, value) in series)
            {
                var ys = population.Select(value).ToArray();
                if (ys.All(double.IsNaN))
                {
                    continue;
                }

                var line = plot.Add.Scatter(xs, ys.Select(y => double.IsFinite(y) ? y : double.NaN).ToArray());
                line.LegendText = history.Select(h => h.Population).Distinct().Count() > 1 ? $"{population.Key} {name}" : name;
            }
        }

        plot.Title(title);
        plot.XLabel("generation");
        plot.YLabel(axis);
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
    }
}
