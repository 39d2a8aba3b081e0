namespace EvoPrune.Ensembles.Fusion;

/// <summary>How the selected members' outputs are combined into one label.</summary>
public enum FusionRule
{
    /// <summary>
    /// Plurality of the members' argmax labels. Ties go to the tied class with the largest summed probability over the
    /// selected members, and if that ties too, to the lowest class index.
    /// </summary>
    MajorityVote,

    /// <summary>Argmax of the weighted mean of the members' probability rows (ties to the lowest class index).</summary>
    WeightedAverage,
}
