using System.CommandLine;
using EvoPrune.Cli.Commands;
using EvoPrune.Cli.Configuration;

namespace EvoPrune.Cli.Tests;

/// <summary>The appsettings layer: command line over environment over the settings file over built-in defaults.</summary>
public sealed class AppSettingsTests
{
    private const string Full = """
        {
          // comments and trailing commas as in any appsettings.json
          "Logging": { "LogLevel": { "Default": "Warning" } },
          "EvoPrune": {
            "Cluster": "redis://file-host:6379",
            "Store": "postgres://evoprune@file-host/evo",
            "Listen": "10.0.0.5",
            "Device": "cuda:1",
            "Workers": 3,
            "Threads": 2,
          }
        }
        """;

    [Fact]
    public void Bind_AllLayers_CommandLineOverEnvironmentOverFileOverDefault()
    {
        using var temp = new TempFolder();
        temp.File(AppSettings.FileName, Full);
        var environment = new Dictionary<string, string> { [CommonOptions.StoreVariable] = "/env/store", [CommonOptions.ListenVariable] = "10.0.0.9" };

        var (set, cluster, listen, parse) = Parse(temp.Path, environment);
        var settings = set.Bind(parse);
        Assert.Equal("/env/store", settings.Store); // environment over file
        Assert.Equal("cuda:1", settings.Device); // file over default
        Assert.Equal(3, settings.Workers);
        Assert.Equal(2, settings.TorchThreads);
        var file = set.LoadSettings(parse);
        Assert.Equal("redis://file-host:6379", set.Layered(parse, cluster, "NO_SUCH_VARIABLE", file.Cluster));
        Assert.Equal("10.0.0.9", set.Layered(parse, listen, CommonOptions.ListenVariable, file.Listen));

        (set, cluster, listen, parse) = Parse(temp.Path, environment, "--store", "/cli/store", "--workers", "5", "--device", "cpu", "--cluster", "redis://cli:1", "--listen", "127.0.0.1");
        settings = set.Bind(parse);
        Assert.Equal("/cli/store", settings.Store);
        Assert.Equal(5, settings.Workers);
        Assert.Equal("cpu", settings.Device);
        Assert.Equal(2, settings.TorchThreads);
        Assert.Equal("redis://cli:1", set.Layered(parse, cluster, "NO_SUCH_VARIABLE", file.Cluster));
        Assert.Equal("127.0.0.1", set.Layered(parse, listen, CommonOptions.ListenVariable, file.Listen));

        // No file, no environment: the built-in defaults.
        using var empty = new TempFolder();
        (set, _, _, parse) = Parse(empty.Path, []);
        settings = set.Bind(parse);
        Assert.Equal("auto", settings.Device);
        Assert.Equal(1, settings.Workers);
        Assert.Equal(0, settings.TorchThreads);
        Assert.Null(set.LoadSettings(parse).File);
    }

    [Fact]
    public void Load_SettingsOptionOrVariable_ChoosesTheFile()
    {
        using var temp = new TempFolder();
        temp.File(AppSettings.FileName, """{ "EvoPrune": { "Workers": 3 } }""");
        var other = temp.File("other.json", """{ "EvoPrune": { "Workers": 7 } }""");
        var variable = temp.File("variable.json", """{ "EvoPrune": { "Workers": 9 } }""");
        Assert.Equal(3, AppSettings.Load(null, _ => null, temp.Path).Workers);
        Assert.Equal(9, AppSettings.Load(null, v => v == AppSettings.Variable ? variable : null, temp.Path).Workers);
        Assert.Equal(7, AppSettings.Load(other, v => v == AppSettings.Variable ? variable : null, temp.Path).Workers);
        var missing = Assert.Throws<ConfigException>(() => AppSettings.Load(Path.Combine(temp.Path, "nope.json"), _ => null, temp.Path));
        Assert.Contains("nope.json: settings file not found", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "EvoPrune": { "Store": "postgres://u:s3cret@db/evo" } }""", "EvoPrune:Store: the URI carries a password")]
    [InlineData("""{ "EvoPrune": { "Cluster": "redis://u:s3cret@db:6379" } }""", "EvoPrune:Cluster: the URI carries a password")]
    [InlineData("""{ "EvoPrune": { "Store": "postgres://u@db/evo?password=s3cret" } }""", "EvoPrune:Store: the URI carries a password")]
    [InlineData("""{ "EvoPrune": { "Workers": "many" } }""", "EvoPrune:Workers: expected a whole number >= 1")]
    [InlineData("""{ "EvoPrune": { "Threads": -1 } }""", "EvoPrune:Threads: expected a whole number >= 0")]
    [InlineData("""{ "EvoPrune": { "Listen": "localhost" } }""", "EvoPrune:Listen: 'localhost' is not an IP address")]
    [InlineData("""{ "EvoPrune": { "Stor": "x" } }""", "EvoPrune:Stor: unknown key")]
    [InlineData("""{ "EvoPrune": { "Workers": 3 """, ":1: not valid JSON")]
    public void Load_BadFile_NamesFileAndKeyAndNeverThePassword(string json, string expected)
    {
        using var temp = new TempFolder();
        var file = temp.File("bad.json", json);
        var error = Assert.Throws<ConfigException>(() => AppSettings.Load(file, _ => null, temp.Path));
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Silo_BadSettingsFile_ExitsTwoNamingFileAndKey()
    {
        using var temp = new TempFolder();
        temp.File(AppSettings.FileName, """{ "EvoPrune": { "Store": "postgres://u:s3cret@db/evo" } }""");
        var (exit, output) = await CliProcess.RunAsync(temp.Path, TimeSpan.FromMinutes(2), "silo");
        Assert.Equal(2, exit);
        Assert.Contains($"{AppSettings.FileName}: EvoPrune:Store: the URI carries a password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Status_ClusterOnlyInTheSettingsFile_TheClientUsesIt()
    {
        using var temp = new TempFolder();
        var closed = LoopbackServers.FreePort();
        temp.File(AppSettings.FileName, $$"""{ "EvoPrune": { "Cluster": "redis://127.0.0.1:{{closed}}" } }""");

        var (exit, output) = await CliProcess.RunAsync(temp.Path, TimeSpan.FromMinutes(2), "status");

        Assert.NotEqual(0, exit);
        Assert.Contains($"redis://127.0.0.1:{closed}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway port", output, StringComparison.Ordinal);
    }

    private static (SiloOptionSet Set, Option<string?> Cluster, Option<string> Listen, ParseResult Parse) Parse(string folder, Dictionary<string, string> environment, params string[] args)
    {
        var set = new SiloOptionSet(v => environment.GetValueOrDefault(v), folder);
        var cluster = CommonOptions.ClusterUri();
        var listen = new Option<string>("--listen") { DefaultValueFactory = _ => "127.0.0.1" };
        var command = new RootCommand { cluster, listen };
        set.AddTo(command);
        return (set, cluster, listen, command.Parse(args));
    }
}
