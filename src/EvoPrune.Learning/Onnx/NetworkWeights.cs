using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// A trained <see cref="MaskedNetwork"/> copied to the host as plain layers (pruned weights exactly zero), with the
/// input shape it reshapes its flat features to. What the ONNX export and compaction work on.
/// </summary>
public sealed record NetworkWeights(string Architecture, InputShape Input, IReadOnlyList<LayerWeights> Layers)
{
    /// <summary>True when the first layer is a convolution (the features are reshaped to [N, C, H, W]).</summary>
    public bool Convolutional => Layers[0].Kind == LayerKind.Conv;

    /// <summary>Output classes.</summary>
    public int Classes => Layers.Last(l => l.Kind != LayerKind.MaxPool).Units;

    /// <summary>Non-zero weights over all layers.</summary>
    public long KeptWeights => Layers.Sum(l => l.Kept);

    /// <summary>All weights over all layers (zeros included).</summary>
    public long TotalWeights => Layers.Sum(l => (long)l.Weight.Length);

    /// <summary>The network's layers, weights and biases.</summary>
    public static NetworkWeights From(MaskedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = new List<LayerWeights>();
        var prunable = 0;
        foreach (var layer in network.Spec.Layers)
        {
            if (layer.Kind == LayerKind.MaxPool)
            {
                layers.Add(LayerWeights.Pool());
                continue;
            }

            var info = network.Layers[prunable];
            var activation = prunable < network.Activations.Count ? network.Activations[prunable] : null;
            layers.Add(new LayerWeights(layer.Kind, network.GetWeights(prunable), [.. info.WeightShape], network.GetBias(prunable), activation, layer.Padding));
            prunable++;
        }

        return new NetworkWeights(network.Spec.Name, network.Spec.Input, layers);
    }
}
