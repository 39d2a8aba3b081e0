namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Runs methods × sparsities × seeds on contexts made per seed (same data, initial weights and training budget for
/// every method, as ShrinkBench asks), plus the dense baseline once per seed, and collects the reports.
/// </summary>
public sealed class PruningComparison
{
    private readonly Func<ulong, PruningContext> _contextForSeed;

    /// <param name="contextForSeed">The context of one seed (its key's seed should be that seed).</param>
    public PruningComparison(Func<ulong, PruningContext> contextForSeed)
    {
        ArgumentNullException.ThrowIfNull(contextForSeed);
        _contextForSeed = contextForSeed;
    }

    /// <summary>Every report; <paramref name="methods"/> make a method for a sparsity.</summary>
    public PruningComparisonResult Run(IReadOnlyList<Func<double, IPruningMethod>> methods, IReadOnlyList<double> sparsities, IReadOnlyList<ulong> seeds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(methods);
        ArgumentNullException.ThrowIfNull(sparsities);
        ArgumentNullException.ThrowIfNull(seeds);
        var reports = new List<PruningReport>();
        foreach (var seed in seeds)
        {
            var context = _contextForSeed(seed);
            reports.Add(new DenseBaseline().Run(context, cancellationToken).Report);
            foreach (var sparsity in sparsities)
            {
                foreach (var make in methods)
                {
                    reports.Add(make(sparsity).Run(context, cancellationToken).Report with { TargetSparsity = sparsity });
                }
            }
        }

        return new PruningComparisonResult(reports);
    }
}
