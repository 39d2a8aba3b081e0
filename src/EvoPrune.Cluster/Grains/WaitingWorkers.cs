using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// The workers waiting inside a work queue's lease calls, first come first served. Each wait's reply is a task the
/// queue completes from its own turn: with work when a generation opens (or items come back), with nothing when the
/// worker is told to stop. A wait that runs out is answered with nothing by its own timer, off the grain's scheduler:
/// Orleans finishes a deactivation only once every request in flight has been answered, and it stops grain timers
/// when the deactivation starts, so a wait ended by a grain timer would hold a deactivating queue (and every call to
/// it) forever. Add, Serve, Stop and End run only inside the queue grain's turns.
/// </summary>
internal sealed class WaitingWorkers(TimeProvider time)
{
    private readonly List<Waiting> _waiting = [];

    // Stops that overtook the worker's lease call (grain messages are not ordered); each ends one wait as it starts.
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);

    /// <summary>Waits not yet answered (a wait whose time ran out is dropped at the next Add or Serve).</summary>
    public int Count => _waiting.Count(w => !w.Reply.Task.IsCompleted);

    /// <summary>Whether a stop for <paramref name="worker"/> came before its lease call; takes the stop.</summary>
    public bool TakeStop(string worker) => _stopped.Remove(worker);

    /// <summary>Adds a wait of at most <paramref name="wait"/>; the task is the lease call's reply.</summary>
    public Task<WorkLease> Add(string worker, int preferred, int max, TimeSpan wait)
    {
        DropAnswered();
        var waiting = new Waiting(worker, preferred, max);
        waiting.StartTimer(time, wait);
        _waiting.Add(waiting);
        return waiting.Reply.Task;
    }

    /// <summary>Ends <paramref name="worker"/>'s wait with nothing, or remembers the stop for its call still on the way.</summary>
    public void Stop(string worker)
    {
        if (End(w => w.Worker == worker && !w.Reply.Task.IsCompleted) == 0)
        {
            _stopped.Add(worker);
        }
    }

    public void EndAll() => End(_ => true);

    /// <summary>
    /// Hands work to waiting workers in order while <paramref name="open"/> says work is open and
    /// <paramref name="lease"/> (worker, preferred, max) gives some; returns how many got work. A lease whose wait ran
    /// out just before it was answered goes back through <paramref name="release"/>.
    /// </summary>
    public int Serve(Func<bool> open, Func<string, int, int, WorkLease> lease, Action<WorkLease> release)
    {
        var served = 0;
        while (_waiting.Count > 0 && open())
        {
            var waiting = _waiting[0];
            if (waiting.Reply.Task.IsCompleted)
            {
                _waiting.RemoveAt(0);
                waiting.StopTimer();
                continue;
            }

            var given = lease(waiting.Worker, waiting.Preferred, waiting.Max);
            if (given.Items.Count == 0)
            {
                break; // Everything open is leased: the rest keep waiting.
            }

            _waiting.RemoveAt(0);
            waiting.StopTimer();
            if (waiting.Reply.TrySetResult(given))
            {
                served++;
            }
            else
            {
                release(given); // Its time ran out on the timer's thread a moment ago.
            }
        }

        return served;
    }

    private void DropAnswered()
    {
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            if (_waiting[i].Reply.Task.IsCompleted)
            {
                _waiting[i].StopTimer();
                _waiting.RemoveAt(i);
            }
        }
    }

    private int End(Predicate<Waiting> which)
    {
        var ended = 0;
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            if (which(_waiting[i]))
            {
                _waiting[i].StopTimer();
                ended += _waiting[i].Reply.TrySetResult(WorkLease.None) ? 1 : 0;
                _waiting.RemoveAt(i);
            }
        }

        return ended;
    }

    private sealed class Waiting(string worker, int preferred, int max)
    {
        private ITimer? _timer;

        public string Worker { get; } = worker;

        public int Preferred { get; } = preferred;

        public int Max { get; } = max;

        // Continuations run where the reply is set: inside the queue's turn when work is handed out, so the answer
        // leaves without another turn; on the timer's thread when the wait runs out.
        public TaskCompletionSource<WorkLease> Reply { get; } = new();

        public void StartTimer(TimeProvider time, TimeSpan wait) =>
            _timer = time.CreateTimer(static state => ((TaskCompletionSource<WorkLease>)state!).TrySetResult(WorkLease.None), Reply, wait, Timeout.InfiniteTimeSpan);

        public void StopTimer() => _timer?.Dispose();
    }
}
