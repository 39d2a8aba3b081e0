namespace EvoPrune.Ensembles.Fusion;

/// <summary>Member weights for <see cref="FusionRule.WeightedAverage"/>.</summary>
public enum MemberWeighting
{
    /// <summary>Every member weighs 1.</summary>
    Uniform,

    /// <summary>Each member weighs its accuracy on the selection split.</summary>
    SelectionAccuracy,
}
