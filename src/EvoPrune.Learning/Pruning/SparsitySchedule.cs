namespace EvoPrune.Learning.Pruning;

/// <summary>How gradual pruning approaches its target over the pruning phase (fraction f of it done).</summary>
public enum SparsitySchedule
{
    /// <summary>s·f.</summary>
    Linear,

    /// <summary>s·(1 − (1 − f)³) (Zhu and Gupta 2017): prunes fast early, slowly near the target.</summary>
    Cubic,
}
