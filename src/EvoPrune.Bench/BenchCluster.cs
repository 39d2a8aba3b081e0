using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Hosting;
using EvoPrune.Cluster.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvoPrune.Bench;

/// <summary>
/// Localhost Orleans silos in this process (development clustering, in-memory reminders, a file store in a temporary
/// folder), each with the EvoPrune engine and the bench's null-evaluation kind.
/// </summary>
internal sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];
    private readonly string _store = Path.Combine(Path.GetTempPath(), "evoprune-bench", Guid.NewGuid().ToString("N"));

    private BenchCluster()
    {
    }

    public IGrainFactory Grains => _hosts[0].Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Starts <paramref name="silos"/> silos, each with one evaluation worker; <paramref name="torchThreads"/> 0 leaves
    /// Torch's default; <paramref name="postgres"/> puts the runs in that PostgreSQL instead of a temporary folder.
    /// </summary>
    public static async Task<BenchCluster> StartAsync(int silos, int torchThreads = 0, string? postgres = null)
    {
        if (postgres != null)
        {
            Cluster.Storage.PostgresRunStore.Open(postgres).EnsureSchema();
        }

        var cluster = new BenchCluster();
        var primary = FreePort();
        for (var i = 0; i < silos; i++)
        {
            var siloPort = i == 0 ? primary : FreePort();
            var gatewayPort = FreePort();
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders();
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primary), "evoprune-bench", "evoprune-bench");
                silo.UseInMemoryReminderService();
                if (postgres != null)
                {
                    silo.AddEvoPrunePostgresStore(postgres);
                }
                else
                {
                    silo.AddEvoPruneFileStore(cluster._store);
                }

                silo.AddEvoPruneEngine(o =>
                {
                    o.Device = "cpu";
                    o.Workers = 1;
                    o.TorchThreads = torchThreads;
                });
                silo.Services.AddSingleton<IGenomeKind, NullEvaluationKind>();
            });
            var host = builder.Build();
            await host.StartAsync();
            cluster._hosts.Add(host);
        }

        return cluster;
    }

    /// <summary>Runs <paramref name="spec"/> to the end; <paramref name="onPoll"/> sees the status every 20 ms.</summary>
    public Task<(RunStatus Status, double Seconds)> RunAsync(RunSpec spec, Action<RunStatus>? onPoll = null) => RunToEndAsync(Grains, spec, onPoll);

    /// <summary>
    /// Starts <paramref name="spec"/> through <paramref name="grains"/> and times it to its end, which the coordinator
    /// reports the moment it comes (a follower that polled would add up to its poll interval to every run).
    /// </summary>
    public static async Task<(RunStatus Status, double Seconds)> RunToEndAsync(IGrainFactory grains, RunSpec spec, Action<RunStatus>? onPoll = null)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(spec);
        var run = grains.GetGrain<IRunGrain>(spec.RunId);
        var clock = Stopwatch.StartNew();
        var status = await run.StartAsync(spec);
        var wait = onPoll == null ? TimeSpan.FromSeconds(1) : TimeSpan.FromMilliseconds(20);
        while (!status.IsFinished)
        {
            status = await run.WaitUntilFinishedAsync(wait);
            onPoll?.Invoke(status);
        }

        if (status.Phase != RunPhase.Completed)
        {
            throw new InvalidOperationException($"Bench run {spec.RunId} ended {status.Phase}: {status.Error}");
        }

        return (status, clock.Elapsed.TotalSeconds);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].StopAsync();
            _hosts[i].Dispose();
        }

        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
