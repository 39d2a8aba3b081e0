using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Pruning;

/// <summary>What a pruning method produced: the final keep masks, the trained weights of the prunable layers (host
/// arrays, pruned entries exactly zero) and the ShrinkBench-style report.</summary>
public sealed record PruningOutcome(IReadOnlyList<bool[]> Masks, IReadOnlyList<float[]> Weights, PruningReport Report)
{
    /// <summary>The biases of the prunable layers (host arrays), for export; empty when not copied.</summary>
    public IReadOnlyList<float[]> Biases { get; init; } = [];

    /// <summary>Measures <paramref name="network"/> and copies its masks and weights out.</summary>
    public static PruningOutcome From(string method, PruningContext context, double targetSparsity, IReadOnlyList<bool[]> masks, MaskedNetwork network, long steps)
    {
        ArgumentNullException.ThrowIfNull(network);
        var weights = Enumerable.Range(0, network.Layers.Count).Select(network.GetWeights).ToArray();
        return new PruningOutcome(masks, weights, PruningReport.Measure(method, context, targetSparsity, network, steps))
        {
            Biases = Enumerable.Range(0, network.Layers.Count).Select(network.GetBias).ToArray(),
        };
    }
}
