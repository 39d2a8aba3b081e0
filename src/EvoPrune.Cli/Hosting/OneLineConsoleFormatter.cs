using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// The console log format of every host the CLI builds: one line per entry (<c>warn: Category: message</c>), an
/// exception shown as its type and message only; the stack trace follows only with <c>--verbose</c>. After SIGINT or
/// SIGTERM only critical entries are written: the calls that fail while the silo shuts down are expected and would bury
/// the line that says how to resume.
/// </summary>
internal sealed class OneLineConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "evoprune";

    /// <summary>Set from <c>--verbose</c>: exceptions in log entries keep their stack traces.</summary>
    public static bool StackTraces { get; set; }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        if (TerminationSignals.ExitCode != null && logEntry.LogLevel < LogLevel.Critical && !StackTraces)
        {
            return;
        }

        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? string.Empty;
        var level = logEntry.LogLevel switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };
        var exception = logEntry.Exception switch
        {
            null => string.Empty,
            { } ex when StackTraces => Environment.NewLine + ex,
            { } ex => $" ({ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")})",
        };
        textWriter.WriteLine($"{level}: {logEntry.Category}: {message.ReplaceLineEndings(" ")}{exception}");
    }
}
