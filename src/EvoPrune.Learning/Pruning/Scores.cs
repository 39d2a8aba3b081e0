using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Pruning;

/// <summary>Per-weight scores read from a network, as host arrays one per prunable layer.</summary>
public static class Scores
{
    /// <summary>|w| of every prunable weight.</summary>
    public static float[][] Magnitudes(MaskedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return Enumerable.Range(0, network.Layers.Count).Select(l => network.GetWeights(l).Select(MathF.Abs).ToArray()).ToArray();
    }

    /// <summary>The current gradient of every prunable weight (zeros where no backward pass has run).</summary>
    public static float[][] Gradients(MaskedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.PrunableWeights.Select(w =>
        {
            if (w.grad is not { } grad)
            {
                return new float[w.numel()];
            }

            using var cpu = grad.detach().cpu();
            return cpu.data<float>().ToArray();
        }).ToArray();
    }
}
