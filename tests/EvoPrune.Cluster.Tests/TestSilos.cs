using Orleans.TestingHost;

namespace EvoPrune.Cluster.Tests;

/// <summary>The one way the engine tests start and stop an in-process cluster of silos set up by a configurator.</summary>
internal sealed class TestSilos : IAsyncDisposable
{
    private TestSilos(TestCluster cluster) => Cluster = cluster;

    public TestCluster Cluster { get; }

    public IClusterClient Client => Cluster.Client;

    public static async Task<TestSilos> StartAsync<TConfigurator>(short silos = 1)
        where TConfigurator : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = silos } };
        builder.AddSiloBuilderConfigurator<TConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestSilos(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
