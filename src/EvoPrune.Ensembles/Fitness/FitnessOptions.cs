using EvoPrune.Ensembles.Fusion;

namespace EvoPrune.Ensembles.Fitness;

/// <summary>
/// The fitness of a selection vector: F1 = fused accuracy on the selection split (<see cref="Lambda"/> = 0), or
/// F2 = F1 + <see cref="Lambda"/> x mean pairwise <see cref="Diversity"/> of the selected members.
/// </summary>
public sealed record FitnessOptions
{
    public const double DefaultLambda = 0.0;

    public FusionRule Fusion { get; init; } = FusionRule.MajorityVote;

    public MemberWeighting Weighting { get; init; } = MemberWeighting.Uniform;

    /// <summary>Weight of the diversity term (0 gives F1).</summary>
    public double Lambda { get; init; } = DefaultLambda;

    public DiversityMeasure Diversity { get; init; } = DiversityMeasure.Disagreement;

    /// <summary>A short label such as "F1" or "F2(disagreement,0.1)".</summary>
    public string Label => Lambda == 0
        ? "F1"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"F2({Diversity},{Lambda})");
}
