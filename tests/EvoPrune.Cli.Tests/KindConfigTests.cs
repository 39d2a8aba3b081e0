using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;

namespace EvoPrune.Cli.Tests;

/// <summary>
/// <c>run.kind</c> names a registered genome kind, and the kind reads its own <c>search:</c> section: a kind the CLI
/// never heard of is read through the same config reader once it is in the registry, with located errors.
/// </summary>
public class KindConfigTests
{
    private const string Config = """
        name: counted
        seed: 3
        run:
          kind: test-counted
          generations: 5
          population: 8
          populations: [a, b]
        search:
          flips: 3
        """;

    [Fact]
    public void Read_RegisteredKind_TakesItsSettingsAndShapeFromTheKind()
    {
        using var temp = new TempFolder();
        var file = temp.File("counted.yaml", Config);

        var run = ExperimentConfigReader.Read(file, Registry()).Run!;

        Assert.Equal("test-counted", run.Kind);
        Assert.Equal("{\"flips\":3}", run.SettingsJson);
        Assert.Equal(5, run.Generations);
        Assert.Equal(16, run.Population); // the kind doubles what the run section asks for
        Assert.Equal(["a", "b"], run.Populations);
    }

    [Fact]
    public void Read_KindsSearchError_NamesFileLineAndField()
    {
        using var temp = new TempFolder();
        var file = temp.File("counted.yaml", Config.Replace("flips: 3", "flips: 99", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigException>(() => ExperimentConfigReader.Read(file, Registry()));

        Assert.Equal($"{file}:9:10: search.flips: 99 is outside [1, 64].", error.Message);
    }

    [Fact]
    public void Read_KindNotRegistered_ListsTheRegisteredKinds()
    {
        using var temp = new TempFolder();
        var file = temp.File("counted.yaml", Config);

        var error = Assert.Throws<ConfigException>(() => ExperimentConfigReader.Read(file));

        Assert.Equal($"{file}:4:9: run.kind: 'test-counted' is not one of: sparse-mask, ensemble, neat, pruning, activations.", error.Message);
    }

    private static GenomeKindRegistry Registry()
    {
        var builtIn = CliGenomeKinds.Registry([]);
        return new GenomeKindRegistry([.. builtIn.Names.Select(n => builtIn.Get(n)), new CountedKind()]);
    }

    private sealed class CountedKind : IGenomeKind
    {
        public string Name => "test-counted";

        public KindConfig ReadConfig(KindConfigSource source)
        {
            source.Search.EnsureAllKeysUsed(["flips"]);
            var flips = source.Search.GetInt("flips", 1, 1, 64);
            return new KindConfig($"{{\"flips\":{flips}}}", source.RequestedShape() with { PopulationSize = 2 * source.Population });
        }

        public void Validate(RunSpec spec)
        {
        }

        public IPopulationStrategy CreateStrategy(RunSpec spec) => throw new NotSupportedException("read-only test kind");

        public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => throw new NotSupportedException("read-only test kind");

        public string Summarize(RunSpec spec, GenomeRecord genome) => genome.Id;
    }
}
