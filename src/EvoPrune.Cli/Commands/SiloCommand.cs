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
        var port = new Option<int>("--port") { Description = "Silo-to-silo port", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort };
        var gateway = new Option<int>("--gateway") { Description = "Client gateway port", DefaultValueFactory = _ => SiloSettings.DefaultGatewayPort };
        var primary = new Option<int>("--primary-port") { Description = "Silo port of the cluster's primary silo (the first one started)", DefaultValueFactory = _ => SiloSettings.DefaultSiloPort };
        var store = CommonOptions.Store();
        var device = CommonOptions.Device();
        var workers = CommonOptions.Workers();
        var threads = CommonOptions.Threads();
        var dataDirs = CommonOptions.DataDirectories();
        var otlp = CommonOptions.Otlp();
        var prometheus = CommonOptions.PrometheusPort();
        var consoleTelemetry = CommonOptions.ConsoleTelemetry();
        var verbose = new Option<bool>("--verbose") { Description = "Log at Information level" };
        var command = new Command("silo", "Start a silo on localhost that joins the cluster and evaluates genomes")
        {
            port, gateway, primary, store, device, workers, threads, dataDirs, verbose, otlp, prometheus, consoleTelemetry,
        };
        command.SetAction((parse, ct) => Errors.GuardAsync(async () =>
        {
            var settings = new SiloSettings
            {
                SiloPort = parse.GetValue(port),
                GatewayPort = parse.GetValue(gateway),
                PrimarySiloPort = parse.GetValue(primary),
                Store = parse.GetValue(store)!,
                Device = parse.GetValue(device)!,
                Workers = parse.GetValue(workers),
                TorchThreads = parse.GetValue(threads),
                DataDirectories = parse.GetValue(dataDirs) ?? [],
                Telemetry = CommonOptions.Telemetry(parse, otlp, prometheus, consoleTelemetry),
                LogLevel = parse.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning,
            };
            new Cluster.Storage.FileRunStore(settings.Store).EnsureWritable();
            using var host = SiloHostBuilder.Build(settings);
            await host.StartAsync(ct);
            Console.WriteLine($"silo ready: port {settings.SiloPort}, gateway {settings.GatewayPort}, primary {settings.PrimarySiloPort}, store {Path.GetFullPath(settings.Store)}, device {settings.Device}, workers {settings.Workers}");
            await host.WaitForShutdownAsync(ct);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
