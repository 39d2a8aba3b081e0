using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using EvoPrune.Cluster.Storage;
using EvoPrune.Data;
using EvoPrune.Learning.Native;
using Spectre.Console;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// The one place that turns exceptions into what the user sees. Bad input (<see cref="IsBadInput"/>) is one line and
/// exit code 2; anything else is a bug or a failure of the machine: one line naming the exception, exit code 1, and the
/// stack trace only with <c>--verbose</c>. A command stopped by SIGINT/SIGTERM exits 130/143.
/// </summary>
internal static class Errors
{
    /// <summary>Set from <c>--verbose</c>: unexpected errors print their stack trace.</summary>
    public static bool Verbose { get; set; }

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (OperationCanceledException) when (TerminationSignals.ExitCode is { } signalled)
        {
            Report($"{TerminationSignals.Describe()}; stopped.");
            return signalled;
        }
        catch (Exception ex) when (IsBadInput(ex))
        {
            Report(ex.Message.ReplaceLineEndings(" "));
            return ExitCodes.BadInput;
        }
        catch (Exception ex)
        {
            Report(Verbose
                ? ex.ToString()
                : $"{ex.GetType().Name}: {FirstLine(ex.Message)} (this is a bug or a failure of the machine; run with --verbose for the stack trace)");
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// The exceptions that mean "the input cannot be used": the CLI's own (<see cref="BadInputException"/>, configs
    /// included), unreadable or missing datasets, Torch missing, a value the engine's validation refuses
    /// (<see cref="ArgumentException"/> with a message, not a null argument), values that do not parse, unknown ids, a
    /// damaged or unwritable store or file (<see cref="IOException"/>, <see cref="InvalidDataException"/>) and a store
    /// that refuses the run (<see cref="RunStoreConflictException"/>, <see cref="RunStoreSchemaException"/>), and a request
    /// the code refuses by design (<see cref="NotSupportedException"/>: exporting a recurrent NEAT network to ONNX).
    /// </summary>
    public static bool IsBadInput(Exception ex) => ex is BadInputException or DataFormatException or DatasetNotFoundException
        or TorchUnavailableException or FormatException or KeyNotFoundException or IOException or InvalidDataException or UnauthorizedAccessException
        or RunStoreConflictException or RunStoreSchemaException or NotSupportedException
        || (ex is ArgumentException && ex is not ArgumentNullException);

    public static void Report(string message) => Console.Error.WriteLine($"evoprune: error: {message}");

    public static void Info(string message) => AnsiConsole.MarkupLine(Markup.Escape(message));

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd();
}
