namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// What to train: one classifier per name in <see cref="Members"/> on the whole training split, plus
/// <see cref="BootstrapReplicas"/> more of each on bootstrap resamples (so the pool has
/// Members x (1 + BootstrapReplicas) classifiers). Names are those of <see cref="BaseClassifiers.Create"/>.
/// </summary>
public sealed record PoolSpec
{
    /// <summary>Base classifier names.</summary>
    public IReadOnlyList<string> Members { get; init; } = BaseClassifiers.Default;

    /// <summary>Extra copies of each member trained on bootstrap samples (0 = none).</summary>
    public int BootstrapReplicas { get; init; }

    /// <summary>Pool size M.</summary>
    public int Size => Members.Count * (1 + BootstrapReplicas);

    /// <summary>Throws <see cref="ArgumentException"/> when the spec cannot be trained.</summary>
    public void Validate()
    {
        if (Members.Count == 0)
        {
            throw new ArgumentException("A pool needs at least one member.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(BootstrapReplicas);
        foreach (var name in Members)
        {
            _ = BaseClassifiers.Create(name);
        }
    }
}
