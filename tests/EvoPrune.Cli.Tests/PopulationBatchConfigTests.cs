using System.Text.Json;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cluster.Kinds.SparseMask;

namespace EvoPrune.Cli.Tests;

public class PopulationBatchConfigTests
{
    [Fact]
    public void Read_PopulationBatch_SetsTheSettingAndLeavesLeaseSizesToTheQueue()
    {
        using var temp = new TempFolder();
        var config = temp.File("batch.yaml", TestConfigs.TinyRun().Replace("elites: 1", "elites: 1\n  population-batch: 4", StringComparison.Ordinal));

        var run = ExperimentConfigReader.Read(config).Run!;

        Assert.Equal(4, JsonSerializer.Deserialize<SparseMaskSettings>(run.SettingsJson, SparseMaskKind.Json)!.PopulationBatch);
        // The worker asks for the evaluator's batch itself; no per-kind lease constant is needed.
        Assert.Equal(0, run.LeaseBatch);
    }

    [Fact]
    public void Read_PopulationBatchZero_NamesTheField()
    {
        using var temp = new TempFolder();
        var config = temp.File("bad.yaml", TestConfigs.TinyRun().Replace("elites: 1", "elites: 1\n  population-batch: 0", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigException>(() => ExperimentConfigReader.Read(config));

        Assert.Equal("search.population-batch", error.Field);
    }
}
