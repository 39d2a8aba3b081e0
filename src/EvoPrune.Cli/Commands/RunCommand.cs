using System.CommandLine;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using EvoPrune.Cli.Output;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune run config.yaml</c>: the embedded default — one process holding a localhost silo (file store, this
/// machine's device) and its client; follows the run to the end. <c>--resume RUNID</c> continues a run from its store.
/// Everything the user gave is checked before the store is touched; SIGINT/SIGTERM stop the silo in order (the last
/// checkpoint and the current generation's finished reports stay) and exit 130/143 with the command that resumes.
/// </summary>
internal static class RunCommand
{
    /// <summary>How long the embedded silo may take to shut down after a signal before the process exits anyway.</summary>
    private static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var config = new Argument<string?>("config") { Description = "Experiment YAML file with a run section", Arity = ArgumentArity.ZeroOrOne };
        var runId = new Option<string?>("--run-id") { Description = "Id of the new run (default: run.id of the config, else name-date-time)" };
        var resume = new Option<string?>("--resume") { Description = "Continue this run from its last good checkpoint instead of starting one (no config file then)" };
        var shared = new SiloOptionSet();
        var command = new Command("run", "Run an evolutionary search in this process (localhost silo, file store)")
        {
            config, runId, resume,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => Errors.GuardAsync(async () =>
        {
            var resumeId = parse.GetValue(resume);
            var file = parse.GetValue(config);
            if (resumeId != null && (file != null || parse.GetValue(runId) != null))
            {
                throw new BadInputException($"--resume continues run '{resumeId}' with the config it started with; give no config file{(parse.GetValue(runId) != null ? " and no --run-id" : string.Empty)} with it.");
            }

            var experiment = resumeId == null
                ? ExperimentConfigReader.Read(file ?? throw new BadInputException("Give a config file to start a run, or --resume RUNID to continue one."))
                : null;
            // A config's device: ranks above the settings file and the environment, below --device.
            var configLayer = experiment != null && !string.Equals(experiment.Device, "auto", StringComparison.OrdinalIgnoreCase)
                ? (new Dictionary<string, string> { [nameof(SiloOptions.Device)] = experiment.Device }, file!)
                : ((IReadOnlyDictionary<string, string> Values, string File)?)null;
            var settings = shared.BindEmbedded(parse, configLayer);
            var store = SiloStores.Open(settings.Store);
            RunSpec spec;
            if (experiment == null)
            {
                spec = await SiloStores.LoadSpecAsync(store, RunIds.Check(resumeId!, "--resume"));
            }
            else
            {
                spec = RunSpecFactory.Create(experiment, parse.GetValue(runId), TimeProvider.System);
                await SiloStores.RefuseTakenAsync(store, spec.RunId);
            }

            using var host = SiloHostBuilder.Build(settings);
            // Check the spec here, before anything is written, so bad input costs one message and no run folder.
            var kinds = host.Services.GetRequiredService<GenomeKindRegistry>();
            if (experiment != null)
            {
                RunSpecFactory.Validate(kinds, spec, experiment);
            }
            else
            {
                kinds.Get(spec).Validate(spec);
            }
            SiloStores.Prepare(settings.Store);
            // A one-process run is a cluster of its own: it refuses a PostgreSQL store whose cluster is up (and holds it
            // alone until it ends), before anything of the run is written.
            using var lease = SiloStores.LeaseForRun(settings.Store, spec.RunId);
            await host.StartAsync(ct);
            var stopped = false;
            try
            {
                var grains = host.Services.GetRequiredService<IGrainFactory>();
                var run = grains.GetGrain<IRunGrain>(spec.RunId);
                var started = resumeId != null ? await run.ResumeAsync() : await run.StartAsync(spec);
                Errors.Info($"Run {spec.RunId} ({spec.Kind}, seed {spec.Seed}): {spec.Generations} generations of {spec.PopulationSize}; store {started.Folder}");
                var final = await RunMonitor.WatchAsync(grains, spec.RunId, ct);
                RunMonitor.PrintSummary(final);
                if (await RunVerdict.EveryEvaluationFailedAsync(final, store) is { } failed)
                {
                    Errors.Report($"run {spec.RunId} failed: {failed}");
                    return ExitCodes.Failed;
                }

                if (final.Phase == RunPhase.Completed)
                {
                    await Kinds.KindToolsRegistry.BuiltIn.For(kinds.Get(spec)).AfterRunAsync(store, spec, Errors.Info);
                }

                return final.Phase == RunPhase.Completed ? ExitCodes.Ok : ExitCodes.Failed;
            }
            catch (OperationCanceledException) when (TerminationSignals.ExitCode is { } signalled)
            {
                await StopInOrderAsync(host);
                stopped = true;
                var storeOption = settings.Store == FileRunStoreOptions.DefaultRoot ? string.Empty : $" --store {settings.Store}";
                Errors.Report($"{TerminationSignals.Describe()}: run {spec.RunId} stopped; its checkpoints and finished evaluations are kept. Continue it with: evoprune run --resume {spec.RunId}{storeOption}");
                return signalled;
            }
            finally
            {
                if (!stopped)
                {
                    await StopInOrderAsync(host);
                }
            }
        }));
        return command;
    }

    // Stops the silo (grains deactivate, workers are cancelled) within StopLimit; a second call does nothing.
    private static async Task StopInOrderAsync(Microsoft.Extensions.Hosting.IHost host)
    {
        using var limit = new CancellationTokenSource(StopLimit);
        try
        {
            await host.StopAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // The silo did not finish stopping in time: the process exits anyway; the store keeps what was written.
        }
    }
}
