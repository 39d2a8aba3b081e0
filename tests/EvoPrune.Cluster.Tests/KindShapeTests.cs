using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Workers;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Tests;

/// <summary>Layer shapes come from the dataset catalog: building a run's strategy and summaries loads no data.</summary>
public class KindShapeTests
{
    [Theory]
    [InlineData("usps", "mlp", 256 * 24 + 24 * 10)]
    [InlineData("mnist", "mlp", 784 * 24 + 24 * 10)]
    public void CreateStrategy_SparseMaskRun_TakesLayerShapesFromTheCatalogWithoutLoadingTheDataset(string dataset, string architecture, int weights)
    {
        // A spec no other test uses (seed and caps), so any load by this run would be recorded for exactly this key.
        var data = new DataSpec { Dataset = dataset, ValidationFraction = 0.2, MaxTrain = 217, MaxValidation = 61 };
        var settings = new SparseMaskSettings { Data = data, Model = new ModelSpec { Architecture = architecture, Hidden = [24] }, Training = new TrainerOptions { Epochs = 1 } };
        var spec = new RunSpec($"shapes-{dataset}", SparseMaskKind.KindName, 90210, 2, 6, ["main"], JsonSerializer.Serialize(settings, SparseMaskKind.Json), "test");
        var kind = new SparseMaskKind(Options.Create(new EngineOptions()));

        var (genomes, _) = kind.CreateStrategy(spec).Propose("main", 0, [], []);
        var summary = kind.Summarize(spec, genomes[0]);

        Assert.Equal(6, genomes.Count);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/{weights} "), summary, StringComparison.Ordinal);
        Assert.False(DataCache.WasLoaded(data, spec.Seed, new EngineOptions().DataDirectories.ToArray()), $"{dataset} was loaded to learn its shape");
    }

    [Fact]
    public void Architecture_CatalogShapeAgainstTheLoadedData_IsTheSameNetwork()
    {
        var data = new DataSpec { Dataset = "usps", MaxTrain = 100 };
        var model = new ModelSpec { Architecture = "lenet5" };

        var fromCatalog = KindSupport.Architecture(model, data, 3, []);
        var fromData = model.Build(DataCache.Load(data, 3, []).Train);

        Assert.Equal(fromData.Describe().Select(l => l.Weights), fromCatalog.Describe().Select(l => l.Weights));
    }

    [Fact]
    public void ReadSettings_SameRunAskedPerGenome_ParsesOnceAndAChangedSpecParsesAgain()
    {
        var settings = new SparseMaskSettings { Data = new DataSpec { Dataset = "usps", MaxTrain = 123 }, Density = 0.3 };
        var spec = new RunSpec("settings-once", SparseMaskKind.KindName, 1, 2, 4, ["main"], JsonSerializer.Serialize(settings, SparseMaskKind.Json), "test");
        var changed = spec with { SettingsJson = JsonSerializer.Serialize(settings with { Density = 0.4 }, SparseMaskKind.Json) };

        var first = SparseMaskKind.ReadSettings(spec);
        var again = SparseMaskKind.ReadSettings(spec with { });
        var other = SparseMaskKind.ReadSettings(changed);

        Assert.True(KindSupport.IsParsed<SparseMaskSettings>(spec));
        Assert.Same(first, again);
        Assert.Equal(0.3, first.Density);
        Assert.Equal(0.4, other.Density);
    }
}
