using System.Diagnostics;
using System.Globalization;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Protocol;
using EvoPrune.Ensembles.Search;

namespace EvoPrune.Ensembles.Tests;

/// <summary>
/// The README experiment, opt-in: set EVOPRUNE_CIFE_DATASETS (comma-separated, or "default") and optionally
/// EVOPRUNE_CIFE_OUT (markdown file). Skipped otherwise, so normal test runs stay fast.
/// </summary>
public class CifeExperiment
{
    [SkippableFact]
    [Trait("Category", "Slow")]
    public void Run_ConfiguredDatasets_WritesTable()
    {
        var datasets = Environment.GetEnvironmentVariable("EVOPRUNE_CIFE_DATASETS");
        Skip.If(string.IsNullOrEmpty(datasets), "set EVOPRUNE_CIFE_DATASETS to run the CIF-E experiment");
        var options = new CifeOptions
        {
            Datasets = datasets == "default" ? CifeOptions.DefaultDatasets : datasets.Split(','),
            Folds = 5, Repeats = 1, Pool = new PoolSpec { Members = BaseClassifiers.Default },
            Search = new SearchOptions { PopulationSize = 20, Generations = 20 }, Seed = 1,
        };
        var output = Environment.GetEnvironmentVariable("EVOPRUNE_CIFE_OUT") ?? Path.Combine(Path.GetTempPath(), "cife.md");
        var watch = Stopwatch.StartNew();
        var table = CifeProtocol.Run(options, TestData.Catalog, line => File.AppendAllText(output + ".log", line + Environment.NewLine));
        File.WriteAllText(output, table.ToMarkdown() + string.Create(CultureInfo.InvariantCulture, $"{Environment.NewLine}elapsed {watch.Elapsed.TotalSeconds:F1} s{Environment.NewLine}"));
        Assert.Equal(options.Datasets.Count, table.Datasets.Count);
    }
}
