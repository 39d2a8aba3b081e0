using System.CommandLine;
using EvoPrune.Cli.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvoPrune.Cli.Commands;

/// <summary><c>evoprune silo</c>: a silo process that joins a localhost cluster and evaluates work until stopped.</summary>
internal static class SiloCommand
{
    public static Command Create()
    {
        var shared = new SiloOptionSet(silo: true);
        var command = new Command("silo", "Start a silo on localhost that joins the cluster and evaluates genomes");
        shared.AddTo(command);
        command.SetAction((parse, ct) => Errors.GuardAsync(async () =>
        {
            // Every check before the store is prepared (a store folder created), so bad input writes nothing.
            var settings = shared.Bind(parse, SiloOptions.Silo) with
            {
                LogLevel = parse.GetValue(CommonOptions.Verbose) ? LogLevel.Information : LogLevel.Warning,
            };
            var clusterText = $"localhost cluster, primary {settings.PrimarySiloPort}";
            if (settings.Cluster != null)
            {
                var redis = RedisCluster.Parse(settings.Cluster, Environment.GetEnvironmentVariable);
                clusterText = RedisCluster.Display(redis);
                RedisCluster.Probe(redis, clusterText);
            }

            var storeText = SiloStores.Prepare(settings.Store);
            // Every silo of a cluster leases a PostgreSQL store shared; a one-process run there holds it alone.
            using var lease = SiloStores.LeaseForSilo(settings.Store, settings.SiloPort);
            using var host = SiloHostBuilder.Build(settings);
            await host.StartAsync(ct);
            Console.WriteLine($"silo ready: {settings.ListenAddress} port {settings.SiloPort}, gateway {settings.GatewayPort}, {clusterText}, store {storeText}, device {settings.Device}, workers {settings.Workers}");
            // SIGINT/SIGTERM cancel ct: the silo stops in order (grains deactivate, it leaves membership) within the
            // host's shutdown timeout, and the process exits 0.
            await host.WaitForShutdownAsync(ct);
            if (TerminationSignals.ExitCode != null)
            {
                Console.WriteLine($"silo on port {settings.SiloPort} {TerminationSignals.Describe()}: left the cluster");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}
