namespace EvoPrune.Evolution.Neat;

/// <summary>
/// Hands out innovation numbers and hidden node ids. Within one generation (between calls to
/// <see cref="BeginGeneration"/>) the same new link, or the same split of a connection, gets the same numbers in
/// every genome, as in the paper. Not thread-safe: reproduction calls it in child order, which keeps numbering a
/// pure function of the run seed.
/// </summary>
public sealed class InnovationTracker
{
    private readonly Dictionary<(int Source, int Target), long> _links = [];
    private readonly Dictionary<long, SplitInnovation> _splits = [];

    /// <summary>A tracker for genomes with <paramref name="inputCount"/> inputs (plus bias) and <paramref name="outputCount"/> outputs.</summary>
    public InnovationTracker(int inputCount, int outputCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputCount);
        NextNodeId = inputCount + 1 + outputCount;
    }

    /// <summary>Restores a tracker from <see cref="ToState"/>.</summary>
    public InnovationTracker(InnovationTrackerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        NextInnovation = state.NextInnovation;
        NextNodeId = state.NextNodeId;
        foreach (var link in state.Links)
        {
            _links[(link.Source, link.Target)] = link.Innovation;
        }

        foreach (var split in state.Splits)
        {
            _splits[split.SplitConnection] = split;
        }
    }

    /// <summary>The next innovation number to hand out.</summary>
    public long NextInnovation { get; private set; }

    /// <summary>The next hidden node id to hand out.</summary>
    public int NextNodeId { get; private set; }

    /// <summary>Forgets this generation's mutations; numbers keep counting up.</summary>
    public void BeginGeneration()
    {
        _links.Clear();
        _splits.Clear();
    }

    /// <summary>The innovation of a new link <paramref name="source"/> → <paramref name="target"/>, shared within the generation.</summary>
    public long ConnectionInnovation(int source, int target)
    {
        if (!_links.TryGetValue((source, target), out var innovation))
        {
            innovation = NextInnovation++;
            _links[(source, target)] = innovation;
        }

        return innovation;
    }

    /// <summary>
    /// The node and links for splitting connection <paramref name="connection"/>. A genome that already holds the
    /// node this generation's split produced (it split the same gene twice) passes <paramref name="fresh"/> to get
    /// new, unshared numbers instead.
    /// </summary>
    public SplitInnovation Split(long connection, bool fresh = false)
    {
        if (!fresh && _splits.TryGetValue(connection, out var known))
        {
            return known;
        }

        var split = new SplitInnovation(connection, NextNodeId++, NextInnovation++, NextInnovation++);
        if (!fresh)
        {
            _splits[connection] = split;
        }

        return split;
    }

    /// <summary>A copy of the tracker's state, with this generation's records in innovation order.</summary>
    public InnovationTrackerState ToState() => new(
        NextInnovation,
        NextNodeId,
        [.. _links.Select(l => new LinkInnovation(l.Key.Source, l.Key.Target, l.Value)).OrderBy(l => l.Innovation)],
        [.. _splits.Values.OrderBy(s => s.InInnovation)]);
}
