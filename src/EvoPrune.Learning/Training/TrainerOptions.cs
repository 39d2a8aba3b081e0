namespace EvoPrune.Learning.Training;

/// <summary>How to train: optimiser, learning rate, batch size, epochs. Validated by <see cref="Validate"/>.</summary>
public sealed record TrainerOptions
{
    public const int DefaultEpochs = 1;
    public const int DefaultBatchSize = 64;
    public const double DefaultLearningRate = 0.1;
    public const double DefaultMomentum = 0.9;

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    public double LearningRate { get; init; } = DefaultLearningRate;

    /// <summary>SGD momentum (ignored by Adam).</summary>
    public double Momentum { get; init; } = DefaultMomentum;

    public double WeightDecay { get; init; }

    public int Epochs { get; init; } = DefaultEpochs;

    public int BatchSize { get; init; } = DefaultBatchSize;

    /// <summary>Stop after this many optimiser steps in total (0: no limit) — for short fitness evaluations.</summary>
    public long MaxSteps { get; init; }

    /// <summary>Batch size for evaluation passes (no gradients, so it can be larger).</summary>
    public int EvalBatchSize { get; init; } = 1000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            throw new ArgumentException($"learning rate must be a positive number (got {LearningRate}).");
        }

        if (Momentum is < 0 or >= 1)
        {
            throw new ArgumentException($"momentum must be in [0, 1) (got {Momentum}).");
        }

        if (WeightDecay < 0)
        {
            throw new ArgumentException($"weight decay must be >= 0 (got {WeightDecay}).");
        }

        if (Epochs < 1)
        {
            throw new ArgumentException($"epochs must be >= 1 (got {Epochs}).");
        }

        if (BatchSize < 1 || EvalBatchSize < 1)
        {
            throw new ArgumentException($"batch sizes must be >= 1 (got {BatchSize} and {EvalBatchSize}).");
        }

        if (MaxSteps < 0)
        {
            throw new ArgumentException($"max steps must be >= 0 (got {MaxSteps}).");
        }
    }
}
