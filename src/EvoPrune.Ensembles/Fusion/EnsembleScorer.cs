using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Fusion;

/// <summary>
/// Scores selection vectors against one pool's cached outputs with a fixed fusion rule and weighting. Empty vectors
/// are repaired to the best single member before fusing, so every vector has a score.
/// </summary>
public sealed class EnsembleScorer
{
    private readonly IReadOnlyList<double>? _weights;

    /// <summary>Creates a scorer over <paramref name="pool"/>.</summary>
    public EnsembleScorer(PoolPredictions pool, FusionRule rule = FusionRule.MajorityVote, MemberWeighting weighting = MemberWeighting.Uniform)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Pool = pool;
        Rule = rule;
        _weights = weighting == MemberWeighting.SelectionAccuracy ? pool.Selection.Accuracies : null;
    }

    public PoolPredictions Pool { get; }

    public FusionRule Rule { get; }

    /// <summary>Fused accuracy of <paramref name="mask"/> on the selection split.</summary>
    public double SelectionAccuracy(IReadOnlyList<bool> mask) =>
        EnsembleFusion.Accuracy(Pool.Selection, SubsetRepair.Members(mask, Pool), Rule, _weights);

    /// <summary>Fused accuracy of <paramref name="mask"/> on the test split.</summary>
    public double TestAccuracy(IReadOnlyList<bool> mask) =>
        EnsembleFusion.Accuracy(Pool.Test, SubsetRepair.Members(mask, Pool), Rule, _weights);

    /// <summary>Fused labels of <paramref name="mask"/> on <paramref name="split"/>.</summary>
    public int[] Predict(SplitPredictions split, IReadOnlyList<bool> mask) =>
        EnsembleFusion.Predict(split, SubsetRepair.Members(mask, Pool), Rule, _weights);
}
