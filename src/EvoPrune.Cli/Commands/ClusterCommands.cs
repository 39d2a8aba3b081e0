using System.CommandLine;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using EvoPrune.Cli.Output;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EvoPrune.Cli.Commands;

/// <summary><c>submit</c>, <c>status</c>, <c>stop</c>, <c>resume</c>: a client talking to a running cluster's gateways.</summary>
internal static class ClusterCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Submit();
        yield return Status();
        yield return Simple("stop", "Stop a run after its current generation's checkpoint (resume it later)", (run, _) => run.StopAsync());
        yield return Simple("resume", "Continue a stopped or interrupted run from its last good checkpoint", (run, _) => run.ResumeAsync());
    }

    private static Command Submit()
    {
        var config = new Argument<string>("config") { Description = "Experiment YAML file with a run section" };
        var runId = new Option<string?>("--run-id") { Description = "Id of the new run" };
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it finishes" };
        var gateways = CommonOptions.Gateways();
        var cluster = CommonOptions.ClusterUri();
        var settings = SettingsOption();
        var command = new Command("submit", "Submit a run to a running cluster") { config, runId, wait, gateways, cluster, settings };
        command.SetAction((parse, ct) => Errors.GuardAsync(async () =>
        {
            var experiment = ExperimentConfigReader.Read(parse.GetValue(config)!);
            if (!string.Equals(experiment.Device, "auto", StringComparison.OrdinalIgnoreCase))
            {
                // Each silo of a cluster trains on the device it was started with; a config cannot move them.
                throw new BadInputException($"{experiment.File}: device '{experiment.Device}' applies to 'evoprune run' and 'train' only; a cluster's silos train on their own --device. Remove 'device:' to submit this config.");
            }

            var spec = RunSpecFactory.Create(experiment, parse.GetValue(runId), TimeProvider.System);
            return await WithClientAsync(parse.GetValue(gateways)!, ClusterFor(parse, cluster, settings), async grains =>
            {
                var grain = grains.GetGrain<IRunGrain>(spec.RunId);
                if (await grain.GetSpecAsync() != null)
                {
                    throw new BadInputException($"Run '{spec.RunId}' already exists in the cluster's store; continue it with 'evoprune resume {spec.RunId}' or pick another --run-id.");
                }

                var status = await grain.StartAsync(spec);
                Console.WriteLine($"submitted {spec.RunId}; store {status.Folder}");
                return parse.GetValue(wait) ? await FollowAsync(grains, spec.RunId, ct) : ExitCodes.Ok;
            }, ct);
        }));
        return command;
    }

    private static Command Status()
    {
        var runId = new Argument<string?>("run-id") { Description = "Run to show (default: list the active runs)", Arity = ArgumentArity.ZeroOrOne };
        var gateways = CommonOptions.Gateways();
        var cluster = CommonOptions.ClusterUri();
        var settings = SettingsOption();
        var command = new Command("status", "Show a run's progress and history, or list the active runs") { runId, gateways, cluster, settings };
        command.SetAction((parse, ct) => Errors.GuardAsync(() => WithClientAsync(parse.GetValue(gateways)!, ClusterFor(parse, cluster, settings), async grains =>
        {
            var id = parse.GetValue(runId);
            if (id == null)
            {
                var active = await grains.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key).GetActiveRunsAsync();
                Console.WriteLine(active.Count == 0 ? "no active runs" : string.Join(Environment.NewLine, active));
                return ExitCodes.Ok;
            }

            var status = await RetryWhileClusterChangesAsync(() => grains.GetGrain<IRunGrain>(id).GetStatusAsync(), ct);
            Console.WriteLine($"{status.RunId}: {status.Phase}, generation {status.Generation}/{status.Generations}, evaluations {status.ItemsDone}/{status.ItemsTotal}");
            RunMonitor.PrintSummary(status);
            return ExitCodes.Ok;
        }, ct)));
        return command;
    }

    private static Command Simple(string name, string description, Func<IRunGrain, CancellationToken, Task<RunStatus>> action)
    {
        var runId = new Argument<string>("run-id") { Description = "The run" };
        var wait = new Option<bool>("--wait") { Description = "Follow the run until it finishes" };
        var gateways = CommonOptions.Gateways();
        var cluster = CommonOptions.ClusterUri();
        var settings = SettingsOption();
        var command = new Command(name, description) { runId, wait, gateways, cluster, settings };
        command.SetAction((parse, ct) => Errors.GuardAsync(() => WithClientAsync(parse.GetValue(gateways)!, ClusterFor(parse, cluster, settings), async grains =>
        {
            var id = parse.GetValue(runId)!;
            var status = await RetryWhileClusterChangesAsync(() => action(grains.GetGrain<IRunGrain>(id), ct), ct);
            Console.WriteLine($"{status.RunId}: {status.Phase}, generation {status.Generation}/{status.Generations}");
            return parse.GetValue(wait) ? await FollowAsync(grains, id, ct) : ExitCodes.Ok;
        }, ct)));
        return command;
    }

    // A call can reach the cluster while a silo that held the run's grains has just died and membership has not yet
    // declared it dead; such calls are rejected. Retry them for up to a minute: once the silo is evicted the grain is
    // activated on a live silo and the call goes through.
    private static async Task<T> RetryWhileClusterChangesAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is OrleansMessageRejectionException or SiloUnavailableException or TimeoutException && DateTime.UtcNow < until)
            {
                Errors.Info($"the cluster is changing ({ex.GetType().Name}); retrying (attempt {attempt})");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(5, attempt)), ct);
            }
        }
    }

    private static Option<string?> SettingsOption() => SiloOptionSet.SettingsOption("the cluster (Cluster)");

    // --cluster, else $EVOPRUNE_CLUSTER, else the settings file's Cluster, else localhost gateways: the silo's layers and rules.
    private static string? ClusterFor(ParseResult parse, Option<string?> cluster, Option<string?> settings)
    {
        var given = parse.GetResult(cluster) is { Implicit: false } ? [new KeyValuePair<string, string>(nameof(SiloOptions.Cluster), parse.GetValue(cluster) ?? string.Empty)] : Array.Empty<KeyValuePair<string, string>>();
        var options = SiloConfiguration.Build(parse.GetValue(settings), Environment.GetEnvironmentVariable, SiloConfiguration.ProcessEnvironment(), Directory.GetCurrentDirectory(), given).Bind(SiloOptions.Client);
        return string.IsNullOrEmpty(options.Cluster) ? null : options.Cluster;
    }

    private static async Task<int> FollowAsync(IGrainFactory grains, string runId, CancellationToken ct)
    {
        var final = await RunMonitor.WatchAsync(grains, runId, ct);
        RunMonitor.PrintSummary(final);
        if (await RunVerdict.EveryEvaluationFailedAsync(final, null) is { } failed)
        {
            Errors.Report($"run {runId} failed: {failed} (see the silos' logs)");
            return ExitCodes.Failed;
        }

        return final.Phase == RunPhase.Completed ? ExitCodes.Ok : ExitCodes.Failed;
    }

    private static async Task<int> WithClientAsync(int[] gateways, string? cluster, Func<IGrainFactory, Task<int>> action, CancellationToken ct)
    {
        using var host = ClientHostBuilder.Build(gateways, cluster, Errors.Verbose);
        var where = cluster != null ? $"in Redis membership {Cluster.Storage.PostgresConnection.Mask(cluster)}" : $"at 127.0.0.1 gateway port(s) {string.Join(", ", gateways)}";
        if (cluster != null)
        {
            // An unreachable Redis is known in seconds; the Orleans client would wait for its whole timeout.
            var redis = RedisCluster.Parse(cluster, Environment.GetEnvironmentVariable);
            RedisCluster.Probe(redis, RedisCluster.Display(redis));
        }

        await ClientHostBuilder.ConnectAsync(host, where, ClientHostBuilder.DefaultConnectTimeout, ct, cluster == null ? gateways : null);
        try
        {
            return await action(host.Services.GetRequiredService<IClusterClient>());
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
