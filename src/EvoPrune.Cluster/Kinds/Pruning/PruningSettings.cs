using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds.Pruning;

/// <summary>
/// Settings of a pruning comparison: the grid (methods × sparsities × seeds, optionally × intrinsic dimensions of the
/// manifold data), each method's own options, and the tolerance of the prunability summary. Every cell shares the
/// data split (run seed) and, per seed, the initial weights and batch order, as ShrinkBench asks.
/// </summary>
public sealed record PruningSettings
{
    public DataSpec Data { get; init; } = new();

    public ModelSpec Model { get; init; } = new();

    /// <summary>The training budget every method gets (IMP per level, K-starts in total).</summary>
    public TrainerOptions Training { get; init; } = new();

    public IReadOnlyList<string> Methods { get; init; } = ["random"];

    public IReadOnlyList<double> Sparsities { get; init; } = [0.9];

    public IReadOnlyList<ulong> Seeds { get; init; } = [1];

    /// <summary>Also train the dense network once per seed (and dimension): the baseline of the table.</summary>
    public bool Dense { get; init; } = true;

    /// <summary>Per layer or global targets for random, magnitude, dissipating gradients, K-starts and IMP (SNIP is always global, as in its paper).</summary>
    public PruningScope Scope { get; init; } = PruningScope.PerLayer;

    public int FineTuneEpochs { get; init; } = MagnitudePruningOptions.DefaultFineTuneEpochs;

    public int SnipBatch { get; init; } = SnipOptions.DefaultBatchSize;

    public int ImpRounds { get; init; } = ImpOptions.DefaultRounds;

    public int KStartsStarts { get; init; } = KStartsOptions.DefaultStarts;

    public int KStartsScoringEpochs { get; init; } = KStartsOptions.DefaultScoringEpochs;

    public KStartsCriterion KStartsCriterion { get; init; } = KStartsCriterion.Combined;

    /// <summary>
    /// K-starts' selection control: every start of a K-starts cell trains to the end, so the report can set the winner
    /// against the mean of its own k random starts (random pruning's expected accuracy at the same budget); k× the cost.
    /// </summary>
    public bool KStartsControl { get; init; }

    /// <summary>Epochs over which dissipating gradients reaches its target.</summary>
    public int DissipatingEpochs { get; init; } = 2;

    public DriftCriterion DissipatingCriterion { get; init; } = DriftCriterion.RelativeDrift;

    /// <summary>Optimiser steps between pruning events of dissipating gradients (0: once per epoch).</summary>
    public int DissipatingEverySteps { get; init; }

    /// <summary>The combination draws its K-starts masks at this fraction of the target sparsity (the design's p1 = p/2).</summary>
    public double CombinationStart { get; init; } = 0.5;

    /// <summary>Intrinsic dimensions of the manifold data to sweep (dataset "manifold" only; null: none).</summary>
    public IReadOnlyList<int>? IntrinsicDimensions { get; init; }

    /// <summary>Prunability: the largest sparsity whose mean test accuracy is at least dense − this (a fraction, 0.01 = 1 pp).</summary>
    public double Tolerance { get; init; } = 0.01;

    /// <summary>Every cell, dense first per seed (and dimension), in a fixed order.</summary>
    public IReadOnlyList<PruningCell> Cells()
    {
        var cells = new List<PruningCell>();
        foreach (var dimension in IntrinsicDimensions?.Select(d => (int?)d) ?? [null])
        {
            foreach (var seed in Seeds)
            {
                if (Dense)
                {
                    cells.Add(new PruningCell(PruningMethods.Dense, 0, seed, dimension));
                }

                foreach (var sparsity in Sparsities)
                {
                    cells.AddRange(Methods.Select(m => new PruningCell(m, sparsity, seed, dimension)));
                }
            }
        }

        return cells;
    }

    /// <summary>The data of a cell: the manifold's intrinsic dimension replaced when the cell has one.</summary>
    public DataSpec DataFor(PruningCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell.Dimension is { } d
            ? Data with { Manifold = string.IsNullOrEmpty(Data.Manifold) ? $"d={d}" : $"{Data.Manifold},d={d}" }
            : Data;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Methods.Count == 0 || Sparsities.Count == 0 || Seeds.Count == 0)
        {
            throw new ArgumentException("methods, sparsities and seeds must each name at least one value.");
        }

        foreach (var method in Methods.Where(m => !PruningMethods.Names.Contains(m)))
        {
            throw new ArgumentException($"unknown pruning method '{method}'. Known: {string.Join(", ", PruningMethods.Names)}.");
        }

        foreach (var s in Sparsities.Where(s => !(s > 0 && s < 1)))
        {
            throw new ArgumentException($"sparsities must be in (0, 1) (got {s}).");
        }

        if (IntrinsicDimensions != null && Data.Dataset != EvoPrune.Data.Catalog.DatasetCatalog.ManifoldName)
        {
            throw new ArgumentException($"intrinsic-dimensions needs the manifold dataset (got '{Data.Dataset}').");
        }

        if (!(CombinationStart > 0 && CombinationStart < 1) || !(Tolerance >= 0 && Tolerance < 1))
        {
            throw new ArgumentException($"combination-start must be in (0, 1) and tolerance in [0, 1) (got {CombinationStart} and {Tolerance}).");
        }

        if (KStartsScoringEpochs > Training.Epochs)
        {
            throw new ArgumentException($"kstarts-scoring-epochs ({KStartsScoringEpochs}) exceeds the training epochs ({Training.Epochs}).");
        }

        Training.Validate();
    }
}
