using Microsoft.Extensions.Hosting;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// The lifetime of every host the CLI builds: it does not listen to SIGINT/SIGTERM (the generic host's console lifetime
/// would, and would cancel start-up and run the command's error path on the signal thread before
/// <see cref="TerminationSignals"/> has seen the signal). The command stops its host itself when
/// <see cref="TerminationSignals.Token"/> is cancelled.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
