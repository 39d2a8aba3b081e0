namespace EvoPrune.Cli.Hosting;

/// <summary>How to start a silo: ports, store, data and the evaluation engine's settings.</summary>
public sealed record SiloSettings
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    public int SiloPort { get; init; } = DefaultSiloPort;

    public int GatewayPort { get; init; } = DefaultGatewayPort;

    /// <summary>The silo port of the cluster's primary (localhost development clustering).</summary>
    public int PrimarySiloPort { get; init; } = DefaultSiloPort;

    /// <summary><c>redis://host:port</c> for Redis membership and reminders; null for localhost clustering (one machine).</summary>
    public string? Cluster { get; init; }

    /// <summary>
    /// The address silo, gateway and Prometheus endpoint listen on (silo and gateway also advertise it; loopback unless
    /// told otherwise). With localhost clustering the primary stays on loopback, where the other silos look for it.
    /// </summary>
    public System.Net.IPAddress ListenAddress { get; init; } = System.Net.IPAddress.Loopback;

    /// <summary>A folder (file store) or <c>postgres://user@host:port/database</c>.</summary>
    public string Store { get; init; } = EvoPrune.Cluster.Storage.FileRunStoreOptions.DefaultRoot;

    public string Device { get; init; } = "auto";

    public int Workers { get; init; } = 1;

    public int TorchThreads { get; init; }

    public IReadOnlyList<string> DataDirectories { get; init; } = [];

    public TelemetrySettings Telemetry { get; init; } = new();

    /// <summary>Serves the Orleans dashboard page on <c>http://127.0.0.1:port/</c> when set (its services run on every silo).</summary>
    public int? DashboardPort { get; init; }

    /// <summary>Log level of the console logger (Warning keeps the progress display clean).</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Warning;
}
