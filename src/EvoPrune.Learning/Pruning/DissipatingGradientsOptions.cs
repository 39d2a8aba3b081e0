namespace EvoPrune.Learning.Pruning;

/// <summary>Options of <see cref="DissipatingGradients"/> in quota mode: the target is reached exactly at the end of the pruning phase.</summary>
public sealed record DissipatingGradientsOptions
{
    public const int DefaultPruneEpochs = 3;
    public const double DefaultEpsilon = 1e-8;

    public required PruningTarget Target { get; init; }

    public DriftCriterion Criterion { get; init; } = DriftCriterion.RelativeDrift;

    /// <summary>Epochs over which sparsity rises to the target (capped at the context's epochs); training then goes on.</summary>
    public int PruneEpochs { get; init; } = DefaultPruneEpochs;

    public SparsitySchedule Schedule { get; init; } = SparsitySchedule.Cubic;

    /// <summary>Optimiser steps between pruning events (0: at the end of every epoch).</summary>
    public int PruneEverySteps { get; init; }

    /// <summary>ε of the relative drift.</summary>
    public double Epsilon { get; init; } = DefaultEpsilon;

    /// <summary>The sparsity reached after the fraction <paramref name="done"/> of the pruning phase, for a final <paramref name="sparsity"/>.</summary>
    public double SparsityAt(double done, double sparsity) => SparsityAt(done, sparsity, 0);

    /// <summary>As <see cref="SparsityAt(double, double)"/>, rising from <paramref name="start"/> instead of from dense.</summary>
    public double SparsityAt(double done, double sparsity, double start)
    {
        done = Math.Clamp(done, 0, 1);
        var progress = Schedule == SparsitySchedule.Linear ? done : 1 - Math.Pow(1 - done, 3);
        return start + ((sparsity - start) * progress);
    }
}
