using System.Collections.Concurrent;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Plugins;

namespace EvoPrune.Cluster.Workers;

/// <summary>
/// A silo's evaluators, one per run its workers work for: made on first use from the run's spec (asked of the run's
/// coordinator once), kept while the run is active, and freed, with whatever they hold on the device, once the run has
/// left the directory and no evaluation of it is running here, so a long-lived silo serving many runs stays flat.
/// Shared by all of the silo's worker loops; thread-safe.
/// </summary>
internal sealed class RunEvaluators(IGrainFactory grains, GenomeKindRegistry kinds, Func<EvaluationHost> host) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IGenomeEvaluator>>> _evaluators = new(StringComparer.Ordinal);
    // The evaluators made so far, to dispose when their run leaves this silo (never read through a task).
    private readonly ConcurrentDictionary<string, IGenomeEvaluator> _made = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RunSpec> _specs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>
    /// The run's evaluator, or why it cannot be made here (its items then get failure reports naming the cause). A
    /// cluster that is changing (the coordinator unreachable for a moment) throws, and the next call asks again.
    /// </summary>
    public async Task<Evaluation> GetAsync(string runId)
    {
        var made = EvaluatorOf(runId);
        try
        {
            return new Evaluation(await made.Value, null);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or TimeoutException or OrleansException or KeyNotFoundException))
        {
            return new Evaluation(null, ex);
        }
        catch (Exception)
        {
            // Not cached: the next lease asks again rather than finding this failure for the rest of the run.
            _evaluators.TryRemove(new KeyValuePair<string, Lazy<Task<IGenomeEvaluator>>>(runId, made));
            throw;
        }
    }

    public async Task<RunSpec> SpecAsync(string runId)
    {
        if (_specs.TryGetValue(runId, out var cached))
        {
            return cached;
        }

        var spec = await grains.GetGrain<IRunGrain>(runId).GetSpecAsync() ?? throw new KeyNotFoundException($"Run '{runId}' has no spec.");
        return _specs.GetOrAdd(runId, spec);
    }

    /// <summary>Counts an evaluation of <paramref name="runId"/> running here (+1) or ended (-1): its evaluator stays meanwhile.</summary>
    public void Track(string runId, int change)
    {
        lock (_gate)
        {
            _inFlight[runId] = _inFlight.GetValueOrDefault(runId) + change;
        }
    }

    /// <summary>Frees the evaluators of runs not in <paramref name="active"/> with nothing running here; returns those runs.</summary>
    public IReadOnlyList<string> Release(IReadOnlyCollection<string> active)
    {
        lock (_gate)
        {
            var released = _evaluators.Keys.Where(r => !active.Contains(r) && _inFlight.GetValueOrDefault(r) == 0).ToArray();
            foreach (var runId in released)
            {
                _evaluators.TryRemove(runId, out _);
                if (_made.TryRemove(runId, out var evaluator))
                {
                    evaluator.Dispose();
                }

                _specs.TryRemove(runId, out _);
                _inFlight.Remove(runId);
            }

            return released;
        }
    }

    public void Dispose()
    {
        foreach (var evaluator in _made.Values)
        {
            evaluator.Dispose();
        }
    }

    private Lazy<Task<IGenomeEvaluator>> EvaluatorOf(string runId) =>
        _evaluators.GetOrAdd(runId, id => new Lazy<Task<IGenomeEvaluator>>(async () =>
        {
            var spec = await SpecAsync(id);
            var evaluator = await Task.Run(() => kinds.Get(spec).CreateEvaluator(spec, host()));
            _made[id] = evaluator;
            return evaluator;
        }));
}

/// <summary>A run's evaluator on this silo, or why it could not be made.</summary>
internal readonly record struct Evaluation(IGenomeEvaluator? Evaluator, Exception? Error);
