namespace EvoPrune.Learning.Models;

/// <summary>
/// A feed-forward network as data: input shape, layers, class count. The last layer must be a linear layer
/// with <see cref="Classes"/> units. <see cref="Describe"/> walks the shapes, which validates the spec and gives
/// the per-layer weight and multiply-accumulate counts that sparsity and FLOPs are reported in.
/// </summary>
public sealed record ArchitectureSpec(string Name, InputShape Input, IReadOnlyList<LayerSpec> Layers, int Classes)
{
    /// <summary>The number of prunable (linear and conv) layers, which is also the number of masks.</summary>
    public int PrunableLayerCount => Layers.Count(l => l.IsPrunable);

    /// <summary>
    /// The prunable layers with their weight counts and multiply-accumulates per sample; throws
    /// <see cref="ArgumentException"/> naming the layer where the shapes do not fit.
    /// </summary>
    public IReadOnlyList<PrunableLayerInfo> Describe()
    {
        if (Layers.Count == 0 || Layers[^1].Kind != LayerKind.Linear || Layers[^1].Units != Classes)
        {
            throw new ArgumentException($"Architecture '{Name}': the last layer must be linear with {Classes} units (one per class).");
        }

        var result = new List<PrunableLayerInfo>();
        var (c, h, w) = (Input.Channels, Input.Height, Input.Width);
        var flat = false;
        for (var i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            switch (layer.Kind)
            {
                case LayerKind.Conv:
                    if (flat)
                    {
                        throw new ArgumentException($"Architecture '{Name}', layer {i}: a convolution cannot follow a linear layer.");
                    }

                    var outH = h + (2 * layer.Padding) - layer.Kernel + 1;
                    var outW = w + (2 * layer.Padding) - layer.Kernel + 1;
                    if (layer.Units <= 0 || layer.Kernel <= 0 || outH <= 0 || outW <= 0)
                    {
                        throw new ArgumentException($"Architecture '{Name}', layer {i}: a {layer.Kernel}x{layer.Kernel} convolution does not fit a {c}x{h}x{w} input.");
                    }

                    var convWeights = (long)layer.Units * c * layer.Kernel * layer.Kernel;
                    result.Add(new PrunableLayerInfo(i, $"conv{result.Count}", new[] { layer.Units, c, layer.Kernel, layer.Kernel }, convWeights, convWeights * outH * outW, c * layer.Kernel * layer.Kernel));
                    (c, h, w) = (layer.Units, outH, outW);
                    break;
                case LayerKind.MaxPool:
                    if (flat || h < 2 || w < 2)
                    {
                        throw new ArgumentException($"Architecture '{Name}', layer {i}: 2x2 pooling needs a spatial input of at least 2x2 (got {c}x{h}x{w}).");
                    }

                    (h, w) = (h / 2, w / 2);
                    break;
                default:
                    var inFeatures = c * h * w;
                    if (layer.Units <= 0)
                    {
                        throw new ArgumentException($"Architecture '{Name}', layer {i}: a linear layer needs a positive unit count.");
                    }

                    var linearWeights = (long)layer.Units * inFeatures;
                    result.Add(new PrunableLayerInfo(i, $"fc{result.Count}", new[] { layer.Units, inFeatures }, linearWeights, linearWeights, inFeatures));
                    (c, h, w, flat) = (1, 1, layer.Units, true);
                    break;
            }
        }

        return result;
    }
}
