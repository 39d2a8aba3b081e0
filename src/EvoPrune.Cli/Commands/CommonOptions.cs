using System.CommandLine;

namespace EvoPrune.Cli.Commands;

/// <summary>Options shared by several commands, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Device() => new("--device")
    {
        Description = "Training device: auto (CUDA if available, else CPU), cpu, cuda or cuda:N",
        DefaultValueFactory = _ => "auto",
    };

    public static Option<string[]> DataDirectories() => new("--data-dir")
    {
        Description = "Folder holding datasets, searched before $EVOPRUNE_DATA, configs/data and /usr/share/datasets (repeatable)",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [],
    };

    public const string StoreVariable = "EVOPRUNE_STORE";
    public const string ClusterVariable = "EVOPRUNE_CLUSTER";
    public const string ListenVariable = "EVOPRUNE_LISTEN";

    public static Option<string> Store() => new("--store")
    {
        Description = "Run store: a folder (file store) or postgres://user@host[:port]/database (password from EVOPRUNE_STORE_PASSWORD[_FILE]); default $EVOPRUNE_STORE or populations/",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(StoreVariable) is { Length: > 0 } store ? store : Cluster.Storage.FileRunStoreOptions.DefaultRoot,
    };

    public static Option<string?> ClusterUri() => new("--cluster")
    {
        Description = "redis://[user@]host[:port][/db] for Redis membership and reminders (password from EVOPRUNE_CLUSTER_PASSWORD[_FILE]); default $EVOPRUNE_CLUSTER, else localhost clustering",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterVariable) is { Length: > 0 } cluster ? cluster : null,
    };

    public static Option<int> Workers() => new("--workers")
    {
        Description = "Evaluations run at the same time on this silo",
        DefaultValueFactory = _ => 1,
    };

    public static Option<int> Threads() => new("--threads")
    {
        Description = "Torch intra-op threads on this silo (0: one per core)",
        DefaultValueFactory = _ => 0,
    };

    public static Option<int[]> Gateways() => new("--gateway")
    {
        Description = "Gateway port(s) of the cluster's silos on localhost",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [Hosting.SiloSettings.DefaultGatewayPort],
    };

    public static Option<Uri?> Otlp() => new("--otlp")
    {
        Description = "Send metrics and traces to this OTLP endpoint (e.g. http://localhost:4317; port 4318 means HTTP/protobuf)",
    };

    public static Option<int?> PrometheusPort() => new("--prometheus-port")
    {
        Description = "Serve Prometheus metrics at http://ADDRESS:PORT/metrics on the silo's listen address (127.0.0.1 unless --listen; all interfaces for 0.0.0.0)",
    };

    public static Option<bool> ConsoleTelemetry() => new("--console-telemetry")
    {
        Description = "Print metrics and spans to the console",
    };
}
