using System.CommandLine;
using EvoPrune.Cli.Commands;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using Microsoft.Extensions.Configuration.Memory;

namespace EvoPrune.Cli.Tests;

/// <summary>
/// The silo settings: settings file, then <c>EVOPRUNE_*</c> environment, then the command line, bound to
/// <see cref="SiloOptions"/> and checked by <see cref="SiloOptionsValidator"/>. In-process tests stand a memory source in
/// for the environment; the process tests at the end use real variables.
/// </summary>
public sealed class SiloConfigurationTests
{
    private const string Full = """
        {
          // comments and trailing commas as in any appsettings.json
          "Logging": { "LogLevel": { "Default": "Warning" } },
          "EvoPrune": {
            "Cluster": "redis://file-host:6379",
            "Store": "postgres://evoprune@file-host/evo",
            "Listen": "10.0.0.5",
            "Device": "cpu",
            "Workers": 3,
            "Threads": 2,
            "Port": 11200,
            "DataDirectories": [ "/data/a", "/data/b" ],
          }
        }
        """;

    [Fact]
    public void Bind_AllLayers_CommandLineOverEnvironmentOverFileOverDefault()
    {
        using var temp = new TempFolder();
        temp.File(SiloConfiguration.FileName, Full);
        var environment = new Dictionary<string, string> { ["EVOPRUNE_STORE"] = "/env/store", ["EVOPRUNE_LISTEN"] = "10.0.0.9", ["EVOPRUNE_WORKERS"] = "4" };

        var options = Bind(temp.Path, environment, SiloOptions.Silo);
        Assert.Equal("/env/store", options.Store); // environment over file
        Assert.Equal("10.0.0.9", options.Listen);
        Assert.Equal(4, options.Workers);
        Assert.Equal("cpu", options.Device); // file over default
        Assert.Equal("redis://file-host:6379", options.Cluster);
        Assert.Equal(2, options.Threads);
        Assert.Equal(11200, options.Port);
        Assert.Equal(["/data/a", "/data/b"], options.DataDirectories);
        Assert.Equal(SiloSettings.DefaultGatewayPort, options.Gateway); // default

        options = Bind(temp.Path, environment, SiloOptions.Silo, "--store", "/cli/store", "--workers", "5", "--device", "auto", "--cluster", "redis://cli:1", "--listen", "127.0.0.1", "--data-dir", "/cli/data");
        Assert.Equal("/cli/store", options.Store); // command line over environment
        Assert.Equal(5, options.Workers);
        Assert.Equal("auto", options.Device); // command line over file
        Assert.Equal("redis://cli:1", options.Cluster);
        Assert.Equal("127.0.0.1", options.Listen);
        Assert.Equal(["/cli/data"], options.DataDirectories);
        Assert.Equal(2, options.Threads);

        // No file, no environment: the built-in defaults.
        using var empty = new TempFolder();
        options = Bind(empty.Path, [], SiloOptions.Silo);
        Assert.Equal("auto", options.Device);
        Assert.Equal(1, options.Workers);
        Assert.Equal(0, options.Threads);
        Assert.Null(options.Cluster);
        Assert.Equal("127.0.0.1", options.Listen);
        Assert.Null(Configure(empty.Path, []).File);
    }

    [Fact]
    public void Describe_EachLayer_NamesOptionVariableOrFileAndKey()
    {
        using var temp = new TempFolder();
        var file = temp.File(SiloConfiguration.FileName, Full);
        var configuration = Configure(temp.Path, new() { ["EVOPRUNE_WORKERS"] = "4" }, "--threads", "1");
        Assert.Equal("--threads", configuration.Describe("Threads"));
        Assert.Equal("EVOPRUNE_WORKERS", configuration.Describe("Workers"));
        Assert.Equal($"{file}: EvoPrune:Device", configuration.Describe("device"));
        Assert.Equal("--gateway", configuration.Describe("Gateway"));
    }

    [Fact]
    public void Configuration_SettingsOptionOrVariable_ChoosesTheFile()
    {
        using var temp = new TempFolder();
        temp.File(SiloConfiguration.FileName, """{ "EvoPrune": { "Workers": 3 } }""");
        var other = temp.File("other.json", """{ "EvoPrune": { "Workers": 7 } }""");
        var variable = temp.File("variable.json", """{ "EvoPrune": { "Workers": 9 } }""");
        Assert.Equal(3, Bind(temp.Path, [], SiloOptions.Silo).Workers);
        Assert.Equal(9, Bind(temp.Path, new() { [SiloConfiguration.Variable] = variable }, SiloOptions.Silo).Workers);
        Assert.Equal(7, Bind(temp.Path, new() { [SiloConfiguration.Variable] = variable }, SiloOptions.Silo, "--settings", other).Workers);
        var missing = Assert.Throws<ConfigException>(() => Bind(temp.Path, [], SiloOptions.Silo, "--settings", Path.Combine(temp.Path, "nope.json")));
        Assert.Contains("nope.json: settings file not found", missing.Message, StringComparison.Ordinal);
        var folder = Assert.Throws<ConfigException>(() => Bind(temp.Path, [], SiloOptions.Silo, "--settings", temp.Path));
        Assert.Contains("is a folder", folder.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "EvoPrune": { "Store": "postgres://u:s3cret@db/evo" } }""", "EvoPrune:Store: the URI carries a password; give it through EVOPRUNE_STORE_PASSWORD")]
    [InlineData("""{ "EvoPrune": { "Cluster": "redis://u:s3cret@db:6379" } }""", "EvoPrune:Cluster: the URI carries a password; give it through EVOPRUNE_CLUSTER_PASSWORD")]
    [InlineData("""{ "EvoPrune": { "Store": "postgres://u@db/evo?password=s3cret" } }""", "EvoPrune:Store: the URI carries a password")]
    [InlineData("""{ "EvoPrune": { "Cluster": "redis://db:6379?password=s3cret" } }""", "EvoPrune:Cluster: the URI carries a password")]
    [InlineData("""{ "EvoPrune": { "Workers": "many" } }""", "EvoPrune:Workers 'many': expected a whole number.")]
    [InlineData("""{ "EvoPrune": { "Workers": 2.5 } }""", "EvoPrune:Workers '2.5': expected a whole number.")]
    [InlineData("""{ "EvoPrune": { "ConsoleTelemetry": "yes" } }""", "EvoPrune:ConsoleTelemetry 'yes': expected true or false.")]
    [InlineData("""{ "EvoPrune": { "Threads": -1 } }""", "EvoPrune:Threads -1: give 0 (one per core) or more.")]
    [InlineData("""{ "EvoPrune": { "Workers": 257 } }""", "EvoPrune:Workers 257: give 0 to 256.")]
    [InlineData("""{ "EvoPrune": { "Listen": "localhost" } }""", "EvoPrune:Listen 'localhost' is not an IP address.")]
    [InlineData("""{ "EvoPrune": { "Port": 70000 } }""", "EvoPrune:Port 70000: must be from 1 to 65535.")]
    [InlineData("""{ "EvoPrune": { "Gateway": 0 } }""", "EvoPrune:Gateway 0: must be from 1 to 65535.")]
    [InlineData("""{ "EvoPrune": { "PrimaryPort": -5 } }""", "EvoPrune:PrimaryPort -5: must be from 1 to 65535.")]
    [InlineData("""{ "EvoPrune": { "PrometheusPort": 65536 } }""", "EvoPrune:PrometheusPort 65536: must be from 1 to 65535.")]
    [InlineData("""{ "EvoPrune": { "DashboardPort": 0 } }""", "EvoPrune:DashboardPort 0: must be from 1 to 65535.")]
    [InlineData("""{ "EvoPrune": { "Otlp": "collector:4317" } }""", "EvoPrune:Otlp 'collector:4317' is not an OTLP endpoint")]
    [InlineData("""{ "EvoPrune": { "Device": "tpu" } }""", "EvoPrune:Device 'tpu' is not a device: use auto, cpu, cuda or cuda:N")]
    [InlineData("""{ "EvoPrune": { "Cluster": "http://db:6379" } }""", "EvoPrune:Cluster: Cluster 'http://db:6379' is not a Redis URI")]
    [InlineData("""{ "EvoPrune": { "Store": "postgres:///evo" } }""", "EvoPrune:Store: Store 'postgres:///evo' is not a PostgreSQL URI")]
    [InlineData("""{ "EvoPrune": { "Store": "  " } }""", "EvoPrune:Store: give a folder or postgres://")]
    [InlineData("""{ "EvoPrune": { "Stor": "x" } }""", "EvoPrune:Stor: unknown key; known keys are Cluster, Store")]
    [InlineData("""{ "EvoPrune": { "Store": { "Path": "x" } } }""", "EvoPrune:Store: expected a single value")]
    [InlineData("""{ "EvoPrune": { "DataDirectories": "/data" } }""", "EvoPrune:DataDirectories: expected a list of folders")]
    [InlineData("""{ "EvoPrune": 3 }""", "EvoPrune: expected an object with keys")]
    [InlineData("""{ "EvoPrune": { "Workers": 3 """, ":1: not valid JSON")]
    [InlineData("""[ 1, 2 ]""", "not a usable settings file")]
    [InlineData("""{ "EvoPrune": { "Workers": 3, "workers": 4 } }""", "not a usable settings file")]
    public void Bind_BadFile_NamesFileAndKeyAndNeverThePassword(string json, string expected)
    {
        using var temp = new TempFolder();
        var file = temp.File("bad.json", json);
        var error = Assert.ThrowsAny<BadInputException>(() => Bind(temp.Path, [], SiloOptions.Silo, "--settings", file));
        Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(SiloOptions.Silo, new[] { "--port", "70000" }, "--port 70000: must be from 1 to 65535.")]
    [InlineData(SiloOptions.Silo, new[] { "--workers", "-1" }, "--workers -1: give 0 to 256.")]
    [InlineData(SiloOptions.Embedded, new[] { "--workers", "0" }, "--workers 0: the run in this process needs 1 to 256 workers to make progress.")]
    [InlineData(SiloOptions.Silo, new[] { "--threads", "-3" }, "--threads -3: give 0 (one per core) or more.")]
    [InlineData(SiloOptions.Silo, new[] { "--listen", "nowhere" }, "--listen 'nowhere' is not an IP address.")]
    [InlineData(SiloOptions.Silo, new[] { "--listen", "127.0.0.2" }, "--listen 127.0.0.2: without --cluster the primary silo listens on 127.0.0.1")]
    [InlineData(SiloOptions.Silo, new[] { "--cluster", "redis://127.0.0.1:1?password=hunter2" }, "--cluster: the URI carries a password")]
    [InlineData(SiloOptions.Silo, new[] { "--cluster", "redis://127.0.0.1:1?ssl=true" }, "--cluster: Cluster 'redis://127.0.0.1:1?ssl=true': query settings (ssl) are not supported")]
    [InlineData(SiloOptions.Silo, new[] { "--store", "postgres://u:hunter2@db/evo" }, "--store: the URI carries a password")]
    [InlineData(SiloOptions.Silo, new[] { "--otlp", "not a uri" }, "--otlp 'not a uri' is not an OTLP endpoint")]
    [InlineData(SiloOptions.Silo, new[] { "--dashboard-port", "0" }, "--dashboard-port 0: must be from 1 to 65535.")]
    [InlineData(SiloOptions.Silo, new[] { "--device", "tpu" }, "--device 'tpu' is not a device")]
    public void Bind_BadCommandLine_NamesTheOption(string name, string[] args, string expected)
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<BadInputException>(() => Bind(temp.Path, [], name, args));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_ListenAwayFromLoopback_AllowedForOtherSilosAndWithRedis()
    {
        using var temp = new TempFolder();
        Assert.Equal("127.0.0.2", Bind(temp.Path, [], SiloOptions.Silo, "--listen", "127.0.0.2", "--port", "11112").Listen);
        Assert.Equal("127.0.0.2", Bind(temp.Path, [], SiloOptions.Silo, "--listen", "127.0.0.2", "--cluster", "redis://127.0.0.1:6379").Listen);
    }

    [Fact]
    public void Bind_BadEnvironment_NamesTheVariable()
    {
        using var temp = new TempFolder();
        var error = Assert.Throws<BadInputException>(() => Bind(temp.Path, new() { ["EVOPRUNE_PORT"] = "99999", ["EVOPRUNE_WORKERS"] = "lots" }, SiloOptions.Silo));
        Assert.Equal("EVOPRUNE_WORKERS 'lots': expected a whole number.", error.Message);
        error = Assert.Throws<BadInputException>(() => Bind(temp.Path, new() { ["EVOPRUNE_PORT"] = "99999", ["EVOPRUNE_THREADS"] = "-2" }, SiloOptions.Silo));
        Assert.Equal("EVOPRUNE_PORT 99999: must be from 1 to 65535. EVOPRUNE_THREADS -2: give 0 (one per core) or more.", error.Message);
    }

    [Fact]
    public void Bind_OtherEvoPruneVariables_AreNotSettings()
    {
        using var temp = new TempFolder();
        var options = Bind(temp.Path, new() { ["EVOPRUNE_DATA"] = "/data", ["EVOPRUNE_STORE_PASSWORD"] = "x", ["EVOPRUNE_REQUIRE_DATA"] = "1" }, SiloOptions.Silo);
        Assert.Empty(options.DataDirectories);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Silo_EachLayerWrong_TheHighestOneIsNamed()
    {
        // The same setting wrong in all three layers: only the winning layer's value reaches the validator.
        using var temp = new TempFolder();
        temp.File(SiloConfiguration.FileName, """{ "EvoPrune": { "Workers": 500 } }""");
        var store = Path.Combine(temp.Path, "store");
        var environment = new Dictionary<string, string> { ["EVOPRUNE_WORKERS"] = "400" };

        using (var process = CliProcess.Start(temp.Path, environment, "silo", "--store", store, "--workers", "300"))
        {
            Assert.Equal(2, await process.WaitAsync(TimeSpan.FromMinutes(1)));
            Assert.Equal("evoprune: error: --workers 300: give 0 to 256.", process.Output.Trim());
        }

        using (var process = CliProcess.Start(temp.Path, environment, "silo", "--store", store))
        {
            Assert.Equal(2, await process.WaitAsync(TimeSpan.FromMinutes(1)));
            Assert.Equal("evoprune: error: EVOPRUNE_WORKERS 400: give 0 to 256.", process.Output.Trim());
        }

        var (exit, output) = await CliProcess.RunAsync(temp.Path, TimeSpan.FromMinutes(1), "silo", "--store", store);
        Assert.Equal(2, exit);
        Assert.Equal($"evoprune: error: {Path.Combine(temp.Path, SiloConfiguration.FileName)}: EvoPrune:Workers 500: give 0 to 256.", output.Trim());
        Assert.False(Directory.Exists(store));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Silo_BadSettingsFile_ExitsTwoNamingFileAndKey()
    {
        using var temp = new TempFolder();
        temp.File(SiloConfiguration.FileName, """{ "EvoPrune": { "Store": "postgres://u:s3cret@db/evo" } }""");
        var (exit, output) = await CliProcess.RunAsync(temp.Path, TimeSpan.FromMinutes(2), "silo");
        Assert.Equal(2, exit);
        Assert.Contains($"{SiloConfiguration.FileName}: EvoPrune:Store: the URI carries a password", output, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Status_ClusterOnlyInTheSettingsFile_TheClientUsesIt()
    {
        using var temp = new TempFolder();
        var closed = LoopbackServers.FreePort();
        temp.File(SiloConfiguration.FileName, $$"""{ "EvoPrune": { "Cluster": "redis://127.0.0.1:{{closed}}" } }""");

        var (exit, output) = await CliProcess.RunAsync(temp.Path, TimeSpan.FromMinutes(2), "status");

        Assert.NotEqual(0, exit);
        Assert.Contains($"redis://127.0.0.1:{closed}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway port", output, StringComparison.Ordinal);
    }

    private static SiloOptions Bind(string folder, Dictionary<string, string> environment, string name, params string[] args) =>
        Configure(folder, environment, args).Bind(name);

    private static SiloConfiguration Configure(string folder, Dictionary<string, string> environment, params string[] args)
    {
        // What EnvironmentVariablesConfigurationSource makes of the EVOPRUNE_ variables: the prefix removed.
        var source = new MemoryConfigurationSource
        {
            InitialData = environment.Where(p => p.Key.StartsWith(SiloConfiguration.EnvironmentPrefix, StringComparison.Ordinal))
                .Select(p => new KeyValuePair<string, string?>(p.Key[SiloConfiguration.EnvironmentPrefix.Length..], p.Value)),
        };
        var set = new SiloOptionSet(silo: true, v => environment.GetValueOrDefault(v), source, folder);
        var command = new RootCommand();
        set.AddTo(command);
        var parse = command.Parse(args);
        Assert.Empty(parse.Errors);
        return set.Configuration(parse);
    }
}
