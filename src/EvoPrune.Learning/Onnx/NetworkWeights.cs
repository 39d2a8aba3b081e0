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
        var count = network.Layers.Count;
        return From(network.Spec, network.Activations, [.. Enumerable.Range(0, count).Select(network.GetWeights)], [.. Enumerable.Range(0, count).Select(network.GetBias)]);
    }

    /// <summary>
    /// Layers of <paramref name="spec"/> with one weight and bias array per prunable layer and one activation per hidden
    /// prunable layer (or one for all).
    /// </summary>
    public static NetworkWeights From(ArchitectureSpec spec, IReadOnlyList<string> activations, IReadOnlyList<float[]> weights, IReadOnlyList<float[]> biases)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        var info = spec.Describe();
        if (weights.Count != info.Count || biases.Count != info.Count)
        {
            throw new ArgumentException($"{spec.Name} has {info.Count} prunable layers; got {weights.Count} weight and {biases.Count} bias arrays.", nameof(weights));
        }

        var layers = new List<LayerWeights>();
        var prunable = 0;
        foreach (var layer in spec.Layers)
        {
            if (layer.Kind == LayerKind.MaxPool)
            {
                layers.Add(LayerWeights.Pool());
                continue;
            }

            var activation = prunable == info.Count - 1 ? null : activations.Count == 1 ? activations[0] : activations[prunable];
            layers.Add(new LayerWeights(layer.Kind, weights[prunable], [.. info[prunable].WeightShape], biases[prunable], activation, layer.Padding));
            prunable++;
        }

        return new NetworkWeights(spec.Name, spec.Input, layers);
    }
}
