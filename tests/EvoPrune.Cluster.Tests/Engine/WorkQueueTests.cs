using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Hosting;
using Orleans.TestingHost;

namespace EvoPrune.Cluster.Tests.Engine;

/// <summary>Workers wait inside their lease call: the queue answers them from the turn that opens the next generation.</summary>
[Collection(EngineRuns.Name)]
public sealed class WorkQueueTests : IAsyncLifetime
{
    private static readonly string Store = Path.Combine(Path.GetTempPath(), "evoprune-work-queue-tests", Guid.NewGuid().ToString("N"));
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private TestSilos? _silos;

    public async Task InitializeAsync() => _silos = await TestSilos.StartAsync<Configurator>();

    public async Task DisposeAsync()
    {
        await _silos!.DisposeAsync();
        if (Directory.Exists(Store))
        {
            Directory.Delete(Store, recursive: true);
        }
    }

    [Fact]
    public async Task LeaseAsync_NothingOpen_WaitsBlockingNobodyUntilTheGenerationOpens()
    {
        var queue = _silos!.Client.GetGrain<IWorkQueueGrain>("queue-wait");
        var waiting = queue.LeaseAsync("w1", 1, int.MaxValue, Long);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "a lease call with nothing open returned instead of waiting");

        // The waiting call blocks neither reads nor the call that opens the generation, which hands it work at once.
        Assert.Equal(-1, (await queue.GetProgressAsync()).Generation);
        var served = await queue.OpenGenerationAsync(0, Items("queue-wait", 3), new QueueSettings(TimeSpan.FromSeconds(20), 3, 0), replay: false);
        var lease = await waiting.WaitAsync(Bound);

        Assert.Equal(1, served);
        Assert.Equal("queue-wait-g0-0", Assert.Single(lease.Items).Genome.Id); // Nothing measured yet: one item a lease.
    }

    [Fact]
    public async Task StopWaitingAsync_OvertakesTheLeaseCall_TheCallAnswersAtOnceAndOnlyOnce()
    {
        var queue = _silos!.Client.GetGrain<IWorkQueueGrain>("queue-stop");
        await queue.StopWaitingAsync("w2");

        Assert.Empty((await queue.LeaseAsync("w2", 1, int.MaxValue, Long).WaitAsync(Bound)).Items);

        // The stop is used up: the next call waits again until it is stopped.
        var next = queue.LeaseAsync("w2", 1, int.MaxValue, Long);
        await Task.Delay(200);
        Assert.False(next.IsCompleted, "a stop ended more than the one wait it was meant for");
        await queue.StopWaitingAsync("w2");
        Assert.Empty((await next.WaitAsync(Bound)).Items);
    }

    private static WorkItem[] Items(string runId, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new WorkItem(runId, 0, new GenomeRecord($"{runId}-g0-{i}", "main", 0, i, [(byte)i]), 0))];

    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.AddEvoPruneFileStore(Store);
            siloBuilder.AddEvoPruneEngine(o => o.Device = "cpu");
        }
    }
}
