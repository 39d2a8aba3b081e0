namespace EvoPrune.Cluster.Workers;

/// <summary>
/// Wakes a silo's idle workers when work is announced. A worker reads <see cref="Version"/> before it asks for work and
/// waits only if no announcement came since, so an announcement between "nothing to lease" and "wait" is never missed.
/// </summary>
internal sealed class WorkSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version => Interlocked.Read(ref _version);

    public void Set()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            _version++;
            fired = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    /// <summary>Waits until an announcement after <paramref name="seen"/>, or <paramref name="timeout"/> (the safety net).</summary>
    public async Task WaitAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task next;
        lock (_gate)
        {
            if (_version != seen)
            {
                return;
            }

            next = _next.Task;
        }

        try
        {
            await next.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The safety net: look for work anyway (an expired lease, a lost announcement).
        }
    }
}
