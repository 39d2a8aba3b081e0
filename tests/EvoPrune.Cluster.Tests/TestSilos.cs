using EvoPrune.Cluster.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace EvoPrune.Cluster.Tests;

/// <summary>
/// The one way the engine tests start and stop an in-process cluster of silos set up by a configurator, with the file
/// store its silos share: a fresh folder (<see cref="StoreOf"/> in a configurator) deleted with the cluster.
/// </summary>
internal sealed class TestSilos : IAsyncDisposable
{
    private const string StoreKey = "EvoPruneTests:Store";

    private TestSilos(TestCluster cluster, string store)
    {
        Cluster = cluster;
        Store = store;
    }

    public TestCluster Cluster { get; }

    /// <summary>The folder of the cluster's file store.</summary>
    public string Store { get; }

    public IClusterClient Client => Cluster.Client;

    public static async Task<TestSilos> StartAsync<TConfigurator>(short silos = 1)
        where TConfigurator : ISiloConfigurator, new()
    {
        var store = Path.Combine(Path.GetTempPath(), "evoprune-engine-tests", Guid.NewGuid().ToString("N"));
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = silos } };
        builder.Properties[StoreKey] = store;
        builder.AddSiloBuilderConfigurator<TConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        await WorkersListeningAsync(cluster);
        return new TestSilos(cluster, store);
    }

    // A run submitted before a silo's worker subscribes to the run directory reaches that silo only after the worker's
    // safety-net wait, by when a short test run may be over; tests that count silos start once every worker listens.
    private static async Task WorkersListeningAsync(TestCluster cluster)
    {
        var workers = cluster.Silos.OfType<InProcessSiloHandle>()
            .SelectMany(s => s.SiloHost.Services.GetServices<IHostedService>().OfType<EvaluationWorker>())
            .Select(w => w.Listening);
        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The store folder of the cluster <paramref name="silo"/> belongs to.</summary>
    public static string StoreOf(ISiloBuilder silo) =>
        silo.Configuration[StoreKey] ?? throw new InvalidOperationException("This silo was not started by TestSilos.");

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
        if (Directory.Exists(Store))
        {
            Directory.Delete(Store, recursive: true);
        }
    }
}
