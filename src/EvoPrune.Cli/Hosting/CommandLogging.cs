using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace EvoPrune.Cli.Hosting;

/// <summary>Console logging of the CLI's hosts: <see cref="OneLineConsoleFormatter"/>, and quiet while a signal stops the process.</summary>
internal static class CommandLogging
{
    /// <summary>
    /// Logs at <paramref name="level"/> and above in one-line form (after SIGINT/SIGTERM only critical entries, see
    /// <see cref="OneLineConsoleFormatter"/>).
    /// </summary>
    public static void Configure(ILoggingBuilder logging, LogLevel level)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.ClearProviders();
        logging.AddConsole(o => o.FormatterName = OneLineConsoleFormatter.FormatterName);
        logging.AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
        logging.SetMinimumLevel(level);
    }
}
