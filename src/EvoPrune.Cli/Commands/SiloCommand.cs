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
        var shared = new SiloOptionSet();
        var verbose = new Option<bool>("--verbose") { Description = "Log at Information level" };
        var command = new Command("silo", "Start a silo on localhost that joins the cluster and evaluates genomes")
        {
            port, gateway, primary, verbose,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => Errors.GuardAsync(async () =>
        {
            var settings = shared.Bind(parse) with
            {
                SiloPort = parse.GetValue(port),
                GatewayPort = parse.GetValue(gateway),
                PrimarySiloPort = parse.GetValue(primary),
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
