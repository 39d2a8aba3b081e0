using System.Runtime.InteropServices;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (a container stop) for the whole process: the first one cancels <see cref="Token"/>,
/// which every command receives, and is remembered so the command can exit with 128 + the signal number (130, 143)
/// after it has shut down in order. A second signal ends the process at once.
/// </summary>
internal static class TerminationSignals
{
    public const int InterruptExitCode = 130;
    public const int TerminateExitCode = 143;

    private static readonly CancellationTokenSource Source = new();
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static int _exitCode;

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM, null while no signal came.</summary>
    public static int? ExitCode => Volatile.Read(ref _exitCode) is var code and > 0 ? code : null;

    /// <summary>The signal's name for messages ("interrupted" / "terminated").</summary>
    public static string Describe() => ExitCode == TerminateExitCode ? "terminated (SIGTERM)" : "interrupted (SIGINT)";

    public static void Register()
    {
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle));
        Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle));
    }

    private static void Handle(PosixSignalContext context)
    {
        var code = context.Signal == PosixSignal.SIGTERM ? TerminateExitCode : InterruptExitCode;
        if (Interlocked.CompareExchange(ref _exitCode, code, 0) != 0)
        {
            // The second signal: the user does not want to wait for the orderly stop.
            Console.Error.WriteLine("evoprune: second signal, exiting now");
            Environment.Exit(code);
        }

        context.Cancel = true;
        // Off the signal thread: cancellation callbacks (host shutdown, monitors) must not delay the next signal.
        _ = Task.Run(Source.Cancel);
    }
}
