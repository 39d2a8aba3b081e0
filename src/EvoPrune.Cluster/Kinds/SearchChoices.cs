using EvoPrune.Cluster.Plugins;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds;

/// <summary>The <c>search:</c> choices the sparse-mask and pruning kinds share: mask criteria and pruning scope.</summary>
public static class SearchChoices
{
    private static readonly string[] KStartsCriteria = ["weight-magnitude", "gradient-accumulation", "combined", "validation-accuracy"];

    private static readonly string[] DriftCriteria = ["relative-drift", "absolute-drift", "gradient-accumulation"];

    private static readonly string[] Scopes = ["per-layer", "global"];

    /// <summary>How K-starts picks among its starts (<paramref name="key"/>, <paramref name="defaultValue"/> when absent).</summary>
    public static KStartsCriterion Criterion(IConfigSection search, string key, string defaultValue)
    {
        ArgumentNullException.ThrowIfNull(search);
        return search.GetChoice(key, defaultValue, KStartsCriteria) switch
        {
            "weight-magnitude" => KStartsCriterion.WeightMagnitude,
            "gradient-accumulation" => KStartsCriterion.GradientAccumulation,
            "combined" => KStartsCriterion.Combined,
            _ => KStartsCriterion.ValidationAccuracy,
        };
    }

    /// <summary>Which weights dissipating-gradient pruning removes (<paramref name="key"/>, relative drift by default).</summary>
    public static DriftCriterion Drift(IConfigSection search, string key)
    {
        ArgumentNullException.ThrowIfNull(search);
        return search.GetChoice(key, "relative-drift", DriftCriteria) switch
        {
            "absolute-drift" => DriftCriterion.AbsoluteDrift,
            "gradient-accumulation" => DriftCriterion.GradientAccumulation,
            _ => DriftCriterion.RelativeDrift,
        };
    }

    /// <summary><c>scope</c>: per layer (default) or global.</summary>
    public static PruningScope Scope(IConfigSection search)
    {
        ArgumentNullException.ThrowIfNull(search);
        return search.GetChoice("scope", "per-layer", Scopes) == "global" ? PruningScope.Global : PruningScope.PerLayer;
    }
}
