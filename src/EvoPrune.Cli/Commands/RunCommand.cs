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
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Argument<string?>("config") { Description = "Experiment YAML file with a run section", Arity = ArgumentArity.ZeroOrOne };
        var runId = new Option<string?>("--run-id") { Description = "Id of the new run (default: run.id of the config, else name-date-time)" };
        var resume = new Option<string?>("--resume") { Description = "Continue this run from its last good checkpoint instead of starting one" };
        var shared = new SiloOptionSet();
        var command = new Command("run", "Run an evolutionary search in this process (localhost silo, file store)")
        {
            config, runId, resume,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => Errors.GuardAsync(async () =>
        {
            var siloPort = SiloHostBuilder.FreePort();
            var settings = shared.Bind(parse) with { SiloPort = siloPort, GatewayPort = SiloHostBuilder.FreePort(), PrimarySiloPort = siloPort };
            var store = SiloStores.Open(settings.Store);
            var resumeId = parse.GetValue(resume);
            RunSpec spec;
            if (resumeId != null)
            {
                spec = (await store.LoadRecordAsync(resumeId, ct))?.Spec
                    ?? throw new KeyNotFoundException($"Unknown run id '{resumeId}': no run.json under {store.Describe(resumeId)}. Runs in this store: {string.Join(", ", await store.ListRunsAsync(ct))}.");
            }
            else
            {
                var file = parse.GetValue(config) ?? throw new ArgumentException("Give a config file to start a run, or --resume RUNID to continue one.");
                spec = RunSpecFactory.Create(ExperimentConfigReader.Read(file), parse.GetValue(runId), TimeProvider.System);
                SiloStores.Prepare(settings.Store);
                if (await store.ExistsAsync(spec.RunId, ct))
                {
                    throw new InvalidOperationException($"Run '{spec.RunId}' already exists in {store.Describe(spec.RunId)}; continue it with 'evoprune run --resume {spec.RunId}' or pick another --run-id.");
                }
            }

            using var host = SiloHostBuilder.Build(settings);
            // Check the spec here, before anything is written, so bad input costs one message and no run folder.
            host.Services.GetRequiredService<GenomeKindRegistry>().Get(spec).Validate(spec);
            await host.StartAsync(ct);
            try
            {
                var grains = host.Services.GetRequiredService<IGrainFactory>();
                var run = grains.GetGrain<IRunGrain>(spec.RunId);
                var started = resumeId != null ? await run.ResumeAsync() : await run.StartAsync(spec);
                Errors.Info($"Run {spec.RunId} ({spec.Kind}, seed {spec.Seed}): {spec.Generations} generations of {spec.PopulationSize}; store {started.Folder}");
                var final = await RunMonitor.WatchAsync(grains, spec.RunId, ct);
                RunMonitor.PrintSummary(final);
                if (final.Phase == RunPhase.Completed && spec.Kind == Cluster.Kinds.Pruning.PruningKind.KindName)
                {
                    foreach (var path in await Inspection.PruningRunReport.WriteFromStoreAsync(store, spec))
                    {
                        Errors.Info($"Wrote {path}");
                    }
                }

                return final.Phase == RunPhase.Completed ? ExitCodes.Ok : ExitCodes.Failed;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        }));
        return command;
    }
}
