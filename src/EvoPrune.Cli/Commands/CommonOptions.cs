using System.CommandLine;

namespace EvoPrune.Cli.Commands;

/// <summary>Options shared by several commands, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary><c>--verbose</c> on every command: stack traces of unexpected errors; a silo also logs at Information level.</summary>
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Show the stack trace of an unexpected error (a silo also logs at Information level)",
        Recursive = true,
    };

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

    /// <summary>Refuses an integer option below <paramref name="minimum"/> as a parse error (exit code 2, nothing started).</summary>
    public static void AtLeast(System.CommandLine.Parsing.OptionResult result, int minimum) => Between(result, minimum, int.MaxValue);

    /// <summary>Refuses an integer option outside [<paramref name="minimum"/>, <paramref name="maximum"/>] as a parse error.</summary>
    public static void Between(System.CommandLine.Parsing.OptionResult result, int minimum, int maximum)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Implicit || result.Tokens.Count == 0)
        {
            return;
        }

        // A value that is no integer at all is reported by the option's own converter; lists check every value.
        foreach (var token in result.Tokens)
        {
            if (!int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value)
                || (value >= minimum && value <= maximum))
            {
                continue;
            }

            var range = maximum == int.MaxValue ? $"{minimum} or more" : $"from {minimum} to {maximum}";
            result.AddError(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{result.IdentifierToken?.Value ?? result.Option.Name} {value}: must be {range}."));
            return;
        }
    }

    public static Option<int[]> Gateways() => new("--gateway")
    {
        Description = "Gateway port(s) of the cluster's silos on localhost",
        AllowMultipleArgumentsPerToken = true,
        DefaultValueFactory = _ => [Hosting.SiloSettings.DefaultGatewayPort],
        Validators = { r => Between(r, 1, 65535) },
    };

    public static Option<bool> ConsoleTelemetry() => new("--console-telemetry")
    {
        Description = "Print metrics and spans to the console",
    };
}
