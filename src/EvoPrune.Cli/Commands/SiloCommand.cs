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
        var port = new Option<int>("--port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort, Validators = { r => CommonOptions.Between(r, 1, 65535) } };
        var gateway = new Option<int>("--gateway") { Description = "Client gateway port", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort, Validators = { r => CommonOptions.Between(r, 1, 65535) } };
        var primary = new Option<int>("--primary-port") { Description = "Silo port of the cluster's primary silo (the first one started)", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort, Validators = { r => CommonOptions.Between(r, 1, 65535) } };
        var shared = new SiloOptionSet();
        var cluster = CommonOptions.ClusterUri();
        var listen = new Option<string>("--listen")
        {
            Description = "Address the silo, gateway and metrics bind to and advertise (default 127.0.0.1: loopback only; give the host's address to serve other machines; without --cluster, only for silos other than the primary); default $EVOPRUNE_LISTEN",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(CommonOptions.ListenVariable) is { Length: > 0 } a ? a : "127.0.0.1",
        };
        var command = new Command("silo", "Start a silo on localhost that joins the cluster and evaluates genomes")
        {
            port, gateway, primary, cluster, listen,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => Errors.GuardAsync(async () =>
        {
            var file = shared.LoadSettings(parse);
            var listenText = shared.Layered(parse, listen, CommonOptions.ListenVariable, file.Listen);
            var settings = shared.Bind(parse) with
            {
                SiloPort = parse.GetValue(port),
                GatewayPort = parse.GetValue(gateway),
                PrimarySiloPort = parse.GetValue(primary),
                LogLevel = parse.GetValue(CommonOptions.Verbose) ? LogLevel.Information : LogLevel.Warning,
                Cluster = shared.Layered(parse, cluster, CommonOptions.ClusterVariable, file.Cluster),
                ListenAddress = System.Net.IPAddress.TryParse(listenText, out var address)
                    ? address
                    : throw new ArgumentException($"--listen '{listenText}' is not an IP address."),
            };
            if (settings.Cluster == null && settings.SiloPort == settings.PrimarySiloPort && !settings.ListenAddress.Equals(System.Net.IPAddress.Loopback))
            {
                throw new ArgumentException($"--listen {settings.ListenAddress}: without --cluster the primary silo listens on 127.0.0.1, where the other silos look for it; give --listen to the other silos only, or use --cluster redis://HOST:PORT.");
            }

            // Every check before the store is prepared (a store folder created), so bad input writes nothing.
            SiloChecks.Silo(settings);
            var clusterText = $"localhost cluster, primary {settings.PrimarySiloPort}";
            if (settings.Cluster != null)
            {
                var redis = RedisCluster.Parse(settings.Cluster, Environment.GetEnvironmentVariable);
                clusterText = RedisCluster.Display(redis);
                RedisCluster.Probe(redis, clusterText);
            }

            var storeText = SiloStores.Prepare(settings.Store);
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
