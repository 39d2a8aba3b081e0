using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// The workers waiting inside a work queue's lease calls, first come first served. Each wait's reply is a task the
/// queue completes from its own turn: with work when a generation opens (or items come back), with nothing when the wait
/// runs out or the worker is told to stop. Used only inside the queue grain's turns, so it needs no locking.
/// </summary>
internal sealed class WaitingWorkers
{
    private readonly List<Waiting> _waiting = [];

    // Stops that overtook the worker's lease call (grain messages are not ordered); each ends one wait as it starts.
    private readonly HashSet<string> _stopped = new(StringComparer.Ordinal);

    public int Count => _waiting.Count;

    /// <summary>Whether a stop for <paramref name="worker"/> came before its lease call; takes the stop.</summary>
    public bool TakeStop(string worker) => _stopped.Remove(worker);

    /// <summary>Adds a wait until <paramref name="until"/>; the task is the lease call's reply.</summary>
    public Task<WorkLease> Add(string worker, int preferred, int max, DateTimeOffset until)
    {
        var waiting = new Waiting(worker, preferred, max, until);
        _waiting.Add(waiting);
        return waiting.Reply.Task;
    }

    /// <summary>Ends <paramref name="worker"/>'s wait with nothing, or remembers the stop for its call still on the way.</summary>
    public void Stop(string worker)
    {
        if (End(w => w.Worker == worker) == 0)
        {
            _stopped.Add(worker);
        }
    }

    public void EndExpired(DateTimeOffset now) => End(w => w.Until <= now);

    public void EndAll() => End(_ => true);

    /// <summary>
    /// Hands work to waiting workers in order while <paramref name="open"/> says work is open and
    /// <paramref name="lease"/> (worker, preferred, max) gives some; returns how many got work.
    /// </summary>
    public int Serve(Func<bool> open, Func<string, int, int, WorkLease> lease)
    {
        var served = 0;
        while (_waiting.Count > 0 && open())
        {
            var waiting = _waiting[0];
            var given = lease(waiting.Worker, waiting.Preferred, waiting.Max);
            if (given.Items.Count == 0)
            {
                break; // Everything open is leased: the rest keep waiting.
            }

            _waiting.RemoveAt(0);
            waiting.Reply.TrySetResult(given);
            served++;
        }

        return served;
    }

    private int End(Predicate<Waiting> which)
    {
        var ended = 0;
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            if (which(_waiting[i]))
            {
                _waiting[i].Reply.TrySetResult(WorkLease.None);
                _waiting.RemoveAt(i);
                ended++;
            }
        }

        return ended;
    }

    private sealed class Waiting(string worker, int preferred, int max, DateTimeOffset until)
    {
        public DateTimeOffset Until { get; } = until;

        public string Worker { get; } = worker;

        public int Preferred { get; } = preferred;

        public int Max { get; } = max;

        // Continuations run where the reply is set, inside the queue's turn: the answer leaves without another turn.
        public TaskCompletionSource<WorkLease> Reply { get; } = new();
    }
}
