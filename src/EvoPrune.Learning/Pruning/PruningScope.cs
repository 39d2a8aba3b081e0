namespace EvoPrune.Learning.Pruning;

/// <summary>Where a sparsity target is enforced: in every prunable layer separately, or over all of them at once.</summary>
public enum PruningScope
{
    /// <summary>Every layer keeps exactly its own share; layer densities are fixed by the target.</summary>
    PerLayer,

    /// <summary>One ranking over all prunable weights; layer densities are an outcome of the scores.</summary>
    Global,
}
