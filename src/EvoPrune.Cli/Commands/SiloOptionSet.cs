using System.CommandLine;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// The options every command that hosts a silo takes (store, device, workers, data, telemetry, settings file), bound to
/// <see cref="SiloSettings"/>. Each value comes from the command line, else the environment, else the settings file
/// (<see cref="AppSettings"/>), else the built-in default.
/// </summary>
internal sealed class SiloOptionSet(Func<string, string?>? environment = null, string? workingDirectory = null)
{
    private readonly Func<string, string?> _environment = environment ?? Environment.GetEnvironmentVariable;
    private readonly Option<string> _store = CommonOptions.Store();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<int> _workers = CommonOptions.Workers();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string[]> _dataDirs = CommonOptions.DataDirectories();
    private readonly Option<Uri?> _otlp = CommonOptions.Otlp();
    private readonly Option<int?> _prometheus = CommonOptions.PrometheusPort();
    private readonly Option<bool> _consoleTelemetry = CommonOptions.ConsoleTelemetry();
    private readonly Option<int?> _dashboard = new("--dashboard-port") { Description = "Serve the Orleans dashboard on http://127.0.0.1:PORT/ (off unless given)", Validators = { r => CommonOptions.Between(r, 1, 65535) } };
    private readonly Option<string?> _settings = new("--settings")
    {
        Description = $"JSON file whose \"{AppSettings.Section}\" section gives defaults for Cluster, Store, Listen, Device, Workers, Threads; default ${AppSettings.Variable}, else ./{AppSettings.FileName} if present",
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _store, _device, _workers, _threads, _dataDirs, _otlp, _prometheus, _consoleTelemetry, _dashboard, _settings })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings file these options name (or the default one); throws <see cref="ConfigException"/> when it cannot be used.</summary>
    public AppSettings LoadSettings(ParseResult parse) =>
        AppSettings.Load(parse.GetValue(_settings), _environment, workingDirectory ?? Directory.GetCurrentDirectory());

    /// <summary>The settings these options give; ports keep their defaults for the caller to set.</summary>
    public SiloSettings Bind(ParseResult parse)
    {
        var file = LoadSettings(parse);
        return new SiloSettings
        {
            Store = Layered(parse, _store, CommonOptions.StoreVariable, file.Store)!,
            Device = Layered(parse, _device, null, file.Device)!,
            Workers = Given(parse, _workers) ? parse.GetValue(_workers) : file.Workers ?? parse.GetValue(_workers),
            TorchThreads = Given(parse, _threads) ? parse.GetValue(_threads) : file.Threads ?? parse.GetValue(_threads),
            DataDirectories = parse.GetValue(_dataDirs) ?? [],
            DashboardPort = parse.GetValue(_dashboard),
            Telemetry = new TelemetrySettings
            {
                OtlpEndpoint = parse.GetValue(_otlp),
                PrometheusPort = parse.GetValue(_prometheus),
                Console = parse.GetValue(_consoleTelemetry),
            },
        };
    }

    /// <summary>The command line's value, else <paramref name="variable"/>'s, else the file's, else the option's default.</summary>
    public string? Layered<T>(ParseResult parse, Option<T> option, string? variable, string? fromFile)
        where T : class? =>
        Layered(parse, option, variable, () => fromFile, _environment);

    /// <summary>
    /// The one precedence rule of every layered option: the command line's value, else <paramref name="variable"/>'s,
    /// else the file's (asked for only when needed), else the option's default.
    /// </summary>
    public static string? Layered<T>(ParseResult parse, Option<T> option, string? variable, Func<string?> fromFile, Func<string, string?> environment)
        where T : class?
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(fromFile);
        ArgumentNullException.ThrowIfNull(environment);
        var own = parse.GetValue(option) as string;
        return Given(parse, option) ? own
            : variable != null && environment(variable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : fromFile() ?? own;
    }

    /// <summary>Whether <c>--device</c> was on the command line (it then wins over a config's <c>device:</c>).</summary>
    public bool DeviceGiven(ParseResult parse) => Given(parse, _device);

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
