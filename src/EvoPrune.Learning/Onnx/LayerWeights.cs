using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// One layer of an exported feed-forward network as plain arrays: a linear layer (<c>Weight</c> [out, in]), a conv
/// layer (<c>Weight</c> [out, in, k, k], <paramref name="Padding"/>), or a 2×2 max-pool (no weights). Hidden layers
/// name their <paramref name="Activation"/>; the output layer has none (its logits go to the softmax).
/// </summary>
public sealed record LayerWeights(LayerKind Kind, float[] Weight, int[] Shape, float[] Bias, string? Activation, int Padding = 0)
{
    /// <summary>Output units (linear) or channels (conv); 0 for pooling.</summary>
    public int Units => Kind == LayerKind.MaxPool ? 0 : Shape[0];

    /// <summary>Inputs per unit: features (linear) or input channels (conv).</summary>
    public int Inputs => Kind == LayerKind.MaxPool ? 0 : Shape[1];

    /// <summary>Non-zero weights.</summary>
    public long Kept => Weight.LongCount(w => w != 0f);

    public static LayerWeights Pool() => new(LayerKind.MaxPool, [], [], [], null);
}
