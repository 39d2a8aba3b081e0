using System.Net;
using System.Net.Sockets;
using EvoPrune.Cluster.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Microsoft.Extensions.Logging;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// Builds the host of a silo. By default on localhost development clustering: silos and gateways bind to loopback (a
/// non-primary silo to its <see cref="SiloSettings.ListenAddress"/>), the primary silo holds membership, reminders are in
/// memory, runs are stored as files. Metrics and the dashboard page, when asked for, come from <see cref="SiloWebEndpoints"/>. With <see cref="SiloSettings.Cluster"/>
/// membership and reminders live in Redis (still bound to <see cref="SiloSettings.ListenAddress"/>, loopback unless told
/// otherwise) and with a <c>postgres://</c> store runs and grain state (the <c>evoprune</c> grain storage provider) live
/// in PostgreSQL; otherwise grain state is in memory. Failure detection is tuned for one
/// machine, so a killed silo is declared dead within seconds.
/// </summary>
public static class SiloHostBuilder
{
    public const string ServiceId = "evoprune";
    public const string ClusterId = "evoprune-local";

    public static IHost Build(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // A silo that serves metrics or the Orleans dashboard is an ASP.NET Core application; otherwise a plain generic host.
        var web = settings.DashboardPort is null && settings.Telemetry.PrometheusPort is null ? null : WebApplication.CreateBuilder();
        var plain = web is null ? Host.CreateApplicationBuilder() : null;
        var builder = (IHostApplicationBuilder?)web ?? plain!;
        CommandLogging.Configure(builder.Logging, settings.LogLevel);
        if (settings.LogLevel > LogLevel.Information)
        {
            // Orleans' start-up notes (server GC, watchdog on a busy 2-core machine) would drown the progress display.
            builder.Logging.AddFilter("Orleans", LogLevel.Error);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddEvoPruneTelemetry(settings.Telemetry, $"silo-{settings.SiloPort}");
        builder.UseOrleans(silo =>
        {
            if (settings.Cluster is { } cluster)
            {
                var redis = RedisCluster.Parse(cluster, Environment.GetEnvironmentVariable);
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ServiceId = ServiceId;
                    o.ClusterId = ClusterId;
                });
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = Advertised(settings.ListenAddress);
                    o.SiloPort = settings.SiloPort;
                    o.GatewayPort = settings.GatewayPort;
                    o.SiloListeningEndpoint = new IPEndPoint(settings.ListenAddress, settings.SiloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(settings.ListenAddress, settings.GatewayPort);
                });
                silo.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
                silo.UseRedisReminderService(o => o.ConfigurationOptions = redis.Clone());
            }
            else
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort), ServiceId, ClusterId);
                silo.UseInMemoryReminderService();
                if (!settings.ListenAddress.Equals(IPAddress.Loopback))
                {
                    // The primary stays on 127.0.0.1 (SiloCommand refuses anything else for it); this silo binds and
                    // advertises its own address, e.g. a second loopback address or 0.0.0.0.
                    silo.Configure<EndpointOptions>(o =>
                    {
                        o.AdvertisedIPAddress = Advertised(settings.ListenAddress);
                        o.SiloListeningEndpoint = new IPEndPoint(settings.ListenAddress, settings.SiloPort);
                        o.GatewayListeningEndpoint = new IPEndPoint(settings.ListenAddress, settings.GatewayPort);
                    });
                }
            }

            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
                o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            });
            silo.AddActivityPropagation();
            // On every silo, page or not: the dashboard's grains activate wherever Orleans places them, and need its services there.
            silo.AddDashboard();

            if (Cluster.Storage.PostgresConnection.IsPostgres(settings.Store))
            {
                // Parsed here so a bad URI fails the build of the silo, not its first grain call.
                _ = Cluster.Storage.PostgresConnection.Parse(settings.Store, Environment.GetEnvironmentVariable);
                silo.AddEvoPrunePostgresStore(settings.Store);
            }

            silo.AddEvoPruneFileStore(settings.Store);
            silo.AddEvoPruneEngine(o =>
            {
                o.Device = settings.Device;
                o.Workers = settings.Workers;
                o.TorchThreads = settings.TorchThreads;
                foreach (var dir in settings.DataDirectories)
                {
                    o.DataDirectories.Add(dir);
                }
            });
        });
        if (web is null)
        {
            return plain!.Build();
        }

        SiloWebEndpoints.Listen(web, settings);
        var app = web.Build();
        SiloWebEndpoints.Map(app, settings);
        return app;
    }

    /// <summary>
    /// The address other silos and clients use: the listen address itself, or for 0.0.0.0 (all interfaces, e.g. in a
    /// container) the host's first IPv4 address.
    /// </summary>
    public static IPAddress Advertised(IPAddress listen)
    {
        ArgumentNullException.ThrowIfNull(listen);
        return listen.Equals(IPAddress.Any)
            ? Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback
            : listen;
    }

    /// <summary>A TCP port on loopback that is free right now (for the embedded silo).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
