using System.Globalization;
using System.Net;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// A silo's settings as read by <see cref="EvoPrune.Cli.Configuration.SiloConfiguration"/>: each property is one key of
/// the settings file's <c>"EvoPrune"</c> section, one <c>EVOPRUNE_KEY</c> environment variable and one command-line
/// option. <see cref="SiloOptionsValidator"/> holds every rule; <see cref="ToSettings"/> turns checked options into what
/// the host is built from.
/// </summary>
public sealed class SiloOptions
{
    /// <summary>The options name of a silo started by <c>evoprune silo</c> (its primary stays on loopback without Redis).</summary>
    public const string Silo = "silo";

    /// <summary>The options name of the silo inside <c>run</c> and <c>activations-compare</c> (it needs a worker).</summary>
    public const string Embedded = "embedded";

    /// <summary>The options name of a client (<c>submit</c>, <c>status</c>, <c>stop</c>, <c>resume</c>): it reads the cluster only.</summary>
    public const string Client = "client";

    public const int MaxWorkers = 256;

    /// <summary>Each key and the command-line option that sets it (also how a value from no layer is named in messages).</summary>
    public static readonly IReadOnlyDictionary<string, string> Options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [nameof(Cluster)] = "--cluster",
        [nameof(Store)] = "--store",
        [nameof(Listen)] = "--listen",
        [nameof(Device)] = "--device",
        [nameof(Workers)] = "--workers",
        [nameof(Threads)] = "--threads",
        [nameof(Port)] = "--port",
        [nameof(Gateway)] = "--gateway",
        [nameof(PrimaryPort)] = "--primary-port",
        [nameof(PrometheusPort)] = "--prometheus-port",
        [nameof(DashboardPort)] = "--dashboard-port",
        [nameof(Otlp)] = "--otlp",
        [nameof(ConsoleTelemetry)] = "--console-telemetry",
        [nameof(DataDirectories)] = "--data-dir",
    };

    /// <summary><c>redis://[user@]host[:port][/db]</c>; empty or absent: localhost clustering.</summary>
    public string? Cluster { get; set; }

    /// <summary>A folder (file store) or <c>postgres://user@host[:port]/database</c>.</summary>
    public string Store { get; set; } = EvoPrune.Cluster.Storage.FileRunStoreOptions.DefaultRoot;

    public string Listen { get; set; } = "127.0.0.1";

    public string Device { get; set; } = "auto";

    public int Workers { get; set; } = 1;

    /// <summary>Torch intra-op threads (0: one per core).</summary>
    public int Threads { get; set; }

    public int Port { get; set; } = SiloSettings.DefaultSiloPort;

    public int Gateway { get; set; } = SiloSettings.DefaultGatewayPort;

    public int PrimaryPort { get; set; } = SiloSettings.DefaultSiloPort;

    public int? PrometheusPort { get; set; }

    public int? DashboardPort { get; set; }

    /// <summary>OTLP endpoint, <c>http(s)://host:port</c>.</summary>
    public string? Otlp { get; set; }

    public bool ConsoleTelemetry { get; set; }

    public string[] DataDirectories { get; set; } = [];

    /// <summary>The host's settings from options <see cref="SiloOptionsValidator"/> accepted (an empty cluster or OTLP value means none).</summary>
    public SiloSettings ToSettings() => new()
    {
        SiloPort = Port,
        GatewayPort = Gateway,
        PrimarySiloPort = PrimaryPort,
        Cluster = string.IsNullOrEmpty(Cluster) ? null : Cluster,
        ListenAddress = IPAddress.Parse(Listen),
        Store = Store,
        Device = Device,
        Workers = Workers,
        TorchThreads = Threads,
        DataDirectories = DataDirectories,
        DashboardPort = DashboardPort,
        Telemetry = new TelemetrySettings
        {
            OtlpEndpoint = string.IsNullOrEmpty(Otlp) ? null : new Uri(Otlp, UriKind.Absolute),
            PrometheusPort = PrometheusPort,
            Console = ConsoleTelemetry,
        },
    };

    /// <summary>The value of <paramref name="key"/> as text (for messages; never used for URIs that may hold a password).</summary>
    internal string? Text(string key) => key switch
    {
        nameof(Workers) => Workers.ToString(CultureInfo.InvariantCulture),
        nameof(Threads) => Threads.ToString(CultureInfo.InvariantCulture),
        nameof(Port) => Port.ToString(CultureInfo.InvariantCulture),
        nameof(Gateway) => Gateway.ToString(CultureInfo.InvariantCulture),
        nameof(PrimaryPort) => PrimaryPort.ToString(CultureInfo.InvariantCulture),
        nameof(PrometheusPort) => PrometheusPort?.ToString(CultureInfo.InvariantCulture),
        nameof(DashboardPort) => DashboardPort?.ToString(CultureInfo.InvariantCulture),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a numeric key"),
    };
}
