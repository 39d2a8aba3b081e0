using System.Collections.Concurrent;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace EvoPrune.Cluster.Tests.Engine;

/// <summary>Workers wait inside their lease call: the queue answers them from the turn that opens the next generation.</summary>
[Collection(EngineRuns.Name)]
public sealed class WorkQueueTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private TestSilos? _silos;

    public async Task InitializeAsync() => _silos = await TestSilos.StartAsync<Configurator>();

    public async Task DisposeAsync()
    {
        await _silos!.DisposeAsync();
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

    [Fact]
    public async Task LeaseAsync_WaitRunsOut_AnswersWithNothing()
    {
        var queue = _silos!.Client.GetGrain<IWorkQueueGrain>("queue-timeout");
        var waiting = queue.LeaseAsync("w3", 1, int.MaxValue, TimeSpan.FromMilliseconds(300));

        Assert.Empty((await waiting.WaitAsync(Bound)).Items);
    }

    [Fact]
    public async Task Deactivation_WhileAWorkerWaits_EndsTheWaitAndTheQueueAnswersAgain()
    {
        // When a silo dies, Orleans deactivates the activations whose directory entry it held, as here. A deactivation
        // ends only once every request in flight is answered: a waiting lease must end by itself. (In a three-silo run
        // a queue was once found stuck deactivating with a wait its grain timer never ended; this in-process
        // deactivation does not reproduce that, but holds the queue to answering again afterwards.)
        var queue = _silos!.Client.GetGrain<IWorkQueueGrain>("queue-deactivate");
        await queue.OpenGenerationAsync(0, Items("queue-deactivate", 1), new QueueSettings(TimeSpan.FromSeconds(20), 3, 0), replay: false);
        Assert.Single((await queue.LeaseAsync("w5", 1, int.MaxValue, TimeSpan.Zero)).Items);
        var waiting = queue.LeaseAsync("w4", 1, int.MaxValue, TimeSpan.FromSeconds(2));
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted, "a lease call with nothing open returned instead of waiting");

        Assert.True(Activations.Live.TryGetValue(queue.GetGrainId(), out var activation), "the queue's activation was not seen");
        activation.Deactivate(new DeactivationReason(DeactivationReasonCode.DirectoryFailure, "the silo that held its directory entry died"), CancellationToken.None);

        Assert.Empty((await waiting.WaitAsync(Bound)).Items);
        Assert.Equal(-1, (await queue.GetProgressAsync().WaitAsync(Bound)).Generation); // A new activation.
    }

    private static WorkItem[] Items(string runId, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new WorkItem(runId, 0, new GenomeRecord($"{runId}-g0-{i}", "main", 0, i, [(byte)i]), 0))];

    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.AddEvoPruneFileStore(TestSilos.StoreOf(siloBuilder));
            siloBuilder.AddEvoPruneEngine(o => o.Device = "cpu");
            siloBuilder.Services.AddSingleton<IActivationWorkingSetObserver, Activations>();
        }
    }

    // The silo's live activations, so a test can deactivate one as Orleans itself does (the silos run in this process).
    private sealed class Activations : IActivationWorkingSetObserver
    {
        public static ConcurrentDictionary<GrainId, IGrainContext> Live { get; } = new();

        public void OnAdded(IActivationWorkingSetMember member)
        {
            if (member is IGrainContext context)
            {
                Live[context.GrainId] = context;
            }
        }

        public void OnActive(IActivationWorkingSetMember member)
        {
        }

        public void OnIdle(IActivationWorkingSetMember member)
        {
        }

        public void OnEvicted(IActivationWorkingSetMember member)
        {
        }

        public void OnDeactivating(IActivationWorkingSetMember member)
        {
        }

        public void OnDeactivated(IActivationWorkingSetMember member)
        {
            if (member is IGrainContext context)
            {
                Live.TryRemove(new KeyValuePair<GrainId, IGrainContext>(context.GrainId, context));
            }
        }
    }
}
