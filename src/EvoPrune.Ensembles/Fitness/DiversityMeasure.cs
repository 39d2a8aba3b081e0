namespace EvoPrune.Ensembles.Fitness;

/// <summary>
/// Kuncheva–Whitaker pairwise measures, each mapped so that larger means more diverse and the range is [0, 1].
/// </summary>
public enum DiversityMeasure
{
    /// <summary>Share of samples on which exactly one of the two members is right.</summary>
    Disagreement,

    /// <summary>1 minus the share of samples both members get wrong.</summary>
    DoubleFault,

    /// <summary>(1 - Q) / 2 with Yule's Q statistic of the two members' correctness.</summary>
    QStatistic,
}
