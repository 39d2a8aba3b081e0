using EvoPrune.Cli.Configuration;
using EvoPrune.Data;
using EvoPrune.Learning.Native;
using Spectre.Console;

namespace EvoPrune.Cli.Commands;

/// <summary>Turns the exceptions that mean "bad input" into one readable line and exit code 2.</summary>
internal static class Errors
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is ConfigException or DataFormatException or DatasetNotFoundException or ArgumentException
                                       or FormatException or InvalidDataException or KeyNotFoundException or TorchUnavailableException or IOException
                                       or UnauthorizedAccessException or InvalidOperationException or NotSupportedException)
        {
            Report(ex.Message);
            return ExitCodes.BadInput;
        }
    }

    public static void Report(string message) => Console.Error.WriteLine($"evoprune: error: {message}");

    public static void Info(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));
}
