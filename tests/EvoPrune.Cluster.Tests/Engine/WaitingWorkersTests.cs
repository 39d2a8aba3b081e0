using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;

namespace EvoPrune.Cluster.Tests.Engine;

/// <summary>The queue's waiting workers: each wait ends by its own timer, and a lease never goes to a wait that ended.</summary>
public class WaitingWorkersTests
{
    [Fact]
    public async Task Wait_TimerFires_AnswersWithNothingAndServeSkipsIt()
    {
        var clock = new ManualTimers();
        var waiting = new WaitingWorkers(clock);
        var first = waiting.Add("w1", 1, int.MaxValue, TimeSpan.FromSeconds(1));
        var second = waiting.Add("w2", 1, int.MaxValue, TimeSpan.FromSeconds(1));

        clock.Fire(0);
        Assert.Empty((await first).Items);
        Assert.Equal(1, waiting.Count);

        var asked = new List<string>();
        var served = waiting.Serve(() => true, (worker, _, _) => { asked.Add(worker); return Lease(7); }, _ => Assert.Fail("nothing to give back"));

        Assert.Equal(1, served);
        Assert.Equal(["w2"], asked);
        Assert.Equal(7, (await second).Id);
        Assert.True(clock.Disposed(1), "a served wait kept its timer");
    }

    [Fact]
    public async Task Serve_WaitRunsOutWhileItsLeaseIsMade_TheLeaseIsGivenBack()
    {
        var clock = new ManualTimers();
        var waiting = new WaitingWorkers(clock);
        var reply = waiting.Add("w1", 1, int.MaxValue, TimeSpan.FromSeconds(1));
        var givenBack = new List<long>();

        // The timer fires on its own thread between the check and the answer: here, while the lease is being made.
        var served = waiting.Serve(() => true, (_, _, _) => { clock.Fire(0); return Lease(3); }, lease => givenBack.Add(lease.Id));

        Assert.Equal(0, served);
        Assert.Empty((await reply).Items);
        Assert.Equal([3L], givenBack);
    }

    private static WorkLease Lease(long id) => new(id, [new WorkItem("run", 0, new GenomeRecord("g", "main", 0, 0, [1]), 1)]);

    // Timers that fire when the test says so.
    private sealed class ManualTimers : TimeProvider
    {
        private readonly List<Timer> _timers = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new Timer(callback, state);
            _timers.Add(timer);
            return timer;
        }

        public void Fire(int index) => _timers[index].Fire();

        public bool Disposed(int index) => _timers[index].IsDisposed;

        private sealed class Timer(TimerCallback callback, object? state) : ITimer
        {
            public bool IsDisposed { get; private set; }

            public void Fire() => callback(state);

            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose() => IsDisposed = true;

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
