using System.CommandLine;
using System.Globalization;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using Microsoft.Extensions.Configuration;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// The options of every command that hosts a silo (store, device, workers, data, telemetry, settings file; with
/// <paramref name="silo"/> also ports, cluster and listen address). They only parse: the options given on the command line
/// become the top layer of <see cref="SiloConfiguration"/>, which binds and checks <see cref="SiloOptions"/>.
/// </summary>
internal sealed class SiloOptionSet(bool silo = false, Func<string, string?>? environment = null, IConfigurationSource? environmentSource = null, string? workingDirectory = null)
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;
    private readonly Option<string> _store = CommonOptions.Store();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<int> _workers = new("--workers") { Description = $"Evaluations run at the same time on this silo (0 to {SiloOptions.MaxWorkers}; a silo with 0 only coordinates; run needs 1 or more)", DefaultValueFactory = _ => 1 };
    private readonly Option<int> _threads = new("--threads") { Description = "Torch intra-op threads on this silo (0: one per core)", DefaultValueFactory = _ => 0 };
    private readonly Option<string[]> _dataDirs = CommonOptions.DataDirectories();
    private readonly Option<string?> _otlp = new("--otlp") { Description = "Send metrics and traces to this OTLP endpoint (e.g. http://localhost:4317; port 4318 means HTTP/protobuf)" };
    private readonly Option<int?> _prometheus = new("--prometheus-port") { Description = "Serve Prometheus metrics at http://ADDRESS:PORT/metrics on the silo's listen address (127.0.0.1 unless --listen; all interfaces for 0.0.0.0)" };
    private readonly Option<bool> _consoleTelemetry = CommonOptions.ConsoleTelemetry();
    private readonly Option<int?> _dashboard = new("--dashboard-port") { Description = "Serve the Orleans dashboard on http://127.0.0.1:PORT/ (off unless given)" };
    private readonly Option<string?> _settings = SettingsOption($"defaults for {string.Join(", ", SiloOptions.Options.Keys)}");
    private readonly Option<int> _port = new("--port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort };
    private readonly Option<int> _gateway = new("--gateway") { Description = "Client gateway port", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort };
    private readonly Option<int> _primary = new("--primary-port") { Description = "Silo port of the cluster's primary silo (the first one started)", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort };
    private readonly Option<string?> _cluster = CommonOptions.ClusterUri();
    private readonly Option<string> _listen = new("--listen")
    {
        Description = $"Address the silo, gateway and metrics bind to and advertise (default 127.0.0.1: loopback only; give the host's address to serve other machines; without --cluster, only for silos other than the primary); default ${CommonOptions.ListenVariable}",
        DefaultValueFactory = _ => "127.0.0.1",
    };

    /// <summary>The <c>--settings</c> option (clients take it too, for the cluster).</summary>
    public static Option<string?> SettingsOption(string what) => new("--settings")
    {
        Description = $"JSON file whose \"{SiloConfiguration.Section}\" section gives {what}; default ${SiloConfiguration.Variable}, else ./{SiloConfiguration.FileName} if present",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] silos = silo ? [_port, _gateway, _primary, _cluster, _listen] : [];
        foreach (var option in silos.Concat([_store, _device, _workers, _threads, _dataDirs, _otlp, _prometheus, _consoleTelemetry, _dashboard, _settings]))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The layered configuration these options head; <paramref name="runConfig"/> is a run config's layer (see <see cref="SiloConfiguration.Build"/>).</summary>
    public SiloConfiguration Configuration(ParseResult parse, (IReadOnlyDictionary<string, string> Values, string File)? runConfig = null) =>
        SiloConfiguration.Build(
            parse.GetValue(_settings),
            _environment,
            environmentSource ?? SiloConfiguration.ProcessEnvironment(),
            workingDirectory ?? Directory.GetCurrentDirectory(),
            CommandLine(parse),
            runConfig);

    /// <summary>The checked settings under options name <paramref name="name"/> (<see cref="SiloOptions"/>' constants).</summary>
    public SiloSettings Bind(ParseResult parse, string name, (IReadOnlyDictionary<string, string> Values, string File)? runConfig = null) =>
        Configuration(parse, runConfig).Bind(name).ToSettings();

    /// <summary>
    /// The settings of the silo inside <c>run</c> and <c>activations-compare</c>: checked as <see cref="SiloOptions.Embedded"/>,
    /// on free loopback ports, primary of its own localhost cluster (a cluster URI from the layers is not used).
    /// </summary>
    public SiloSettings BindEmbedded(ParseResult parse, (IReadOnlyDictionary<string, string> Values, string File)? runConfig = null)
    {
        var siloPort = SiloHostBuilder.FreePort();
        return Bind(parse, SiloOptions.Embedded, runConfig) with
        {
            SiloPort = siloPort,
            GatewayPort = SiloHostBuilder.FreePort(),
            PrimarySiloPort = siloPort,
            Cluster = null,
            ListenAddress = System.Net.IPAddress.Loopback,
        };
    }

    // The options given on the command line, as configuration keys; defaults stay out so that lower layers show through.
    private IEnumerable<KeyValuePair<string, string>> CommandLine(ParseResult parse)
    {
        KeyValuePair<string, string> Pair(string key, object? value) => new(key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
        var scalars = new (string Key, Option Option, Func<object?> Value)[]
        {
            (nameof(SiloOptions.Store), _store, () => parse.GetValue(_store)),
            (nameof(SiloOptions.Device), _device, () => parse.GetValue(_device)),
            (nameof(SiloOptions.Workers), _workers, () => parse.GetValue(_workers)),
            (nameof(SiloOptions.Threads), _threads, () => parse.GetValue(_threads)),
            (nameof(SiloOptions.Otlp), _otlp, () => parse.GetValue(_otlp)),
            (nameof(SiloOptions.PrometheusPort), _prometheus, () => parse.GetValue(_prometheus)),
            (nameof(SiloOptions.DashboardPort), _dashboard, () => parse.GetValue(_dashboard)),
            (nameof(SiloOptions.ConsoleTelemetry), _consoleTelemetry, () => parse.GetValue(_consoleTelemetry)),
            (nameof(SiloOptions.Port), _port, () => parse.GetValue(_port)),
            (nameof(SiloOptions.Gateway), _gateway, () => parse.GetValue(_gateway)),
            (nameof(SiloOptions.PrimaryPort), _primary, () => parse.GetValue(_primary)),
            (nameof(SiloOptions.Cluster), _cluster, () => parse.GetValue(_cluster)),
            (nameof(SiloOptions.Listen), _listen, () => parse.GetValue(_listen)),
        };
        foreach (var (key, option, value) in scalars.Where(s => Given(parse, s.Option)))
        {
            yield return Pair(key, value());
        }

        if (Given(parse, _dataDirs))
        {
            var folders = parse.GetValue(_dataDirs) ?? [];
            for (var i = 0; i < folders.Length; i++)
            {
                yield return Pair($"{nameof(SiloOptions.DataDirectories)}:{i}", folders[i]);
            }
        }
    }

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
