using EvoPrune.Learning.Activations;
using EvoPrune.Learning.Models;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// Removes the hidden units of fully connected layers that the mask left without outputs (their column in the next
/// layer is all zero: they contribute nothing) or without inputs (their row is all zero: they output the constant
/// φ(bias), which is folded into the next layer's bias), with their rows and columns, until none is left. The result
/// has smaller dense layers and the same outputs up to float rounding. Convolutions keep their channels; one unit of
/// a layer is always kept so no tensor has a zero dimension.
/// </summary>
public static class NetworkCompaction
{
    /// <summary>The compacted network and, per fully connected hidden layer, its units before and after.</summary>
    public static (NetworkWeights Network, IReadOnlyList<(string Layer, int Before, int After)> Removed) Compact(NetworkWeights network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layers = network.Layers.ToList();
        var hidden = Enumerable.Range(0, layers.Count - 1)
            .Where(i => layers[i].Kind == LayerKind.Linear && layers[i + 1].Kind == LayerKind.Linear)
            .ToArray();
        var before = hidden.ToDictionary(i => i, i => layers[i].Units);
        bool changed;
        do
        {
            changed = false;
            foreach (var i in hidden)
            {
                var (layer, next, removed) = RemoveDeadUnits(layers[i], layers[i + 1]);
                if (removed > 0)
                {
                    layers[i] = layer;
                    layers[i + 1] = next;
                    changed = true;
                }
            }
        }
        while (changed);

        var names = LinearNames(layers);
        return (network with { Layers = layers }, [.. hidden.Select(i => (names[i], before[i], layers[i].Units))]);
    }

    private static (LayerWeights Layer, LayerWeights Next, int Removed) RemoveDeadUnits(LayerWeights layer, LayerWeights next)
    {
        var units = layer.Units;
        var inputs = layer.Inputs;
        var nextUnits = next.Units;
        var constant = Activate(layer.Activation!, layer.Bias);
        var nextBias = (float[])next.Bias.Clone();
        var keep = new List<int>();
        for (var j = 0; j < units; j++)
        {
            var noInputs = layer.Weight.AsSpan(j * inputs, inputs).IndexOfAnyExcept(0f) < 0;
            var noOutputs = Enumerable.Range(0, nextUnits).All(o => next.Weight[(o * units) + j] == 0f);
            var lastOne = keep.Count == 0 && j == units - 1;
            if ((noOutputs || noInputs) && !lastOne)
            {
                if (!noOutputs)
                {
                    for (var o = 0; o < nextUnits; o++)
                    {
                        nextBias[o] += next.Weight[(o * units) + j] * constant[j];
                    }
                }

                continue;
            }

            keep.Add(j);
        }

        if (keep.Count == units)
        {
            return (layer, next, 0);
        }

        var weight = new float[keep.Count * inputs];
        var bias = new float[keep.Count];
        var nextWeight = new float[nextUnits * keep.Count];
        for (var k = 0; k < keep.Count; k++)
        {
            layer.Weight.AsSpan(keep[k] * inputs, inputs).CopyTo(weight.AsSpan(k * inputs));
            bias[k] = layer.Bias[keep[k]];
            for (var o = 0; o < nextUnits; o++)
            {
                nextWeight[(o * keep.Count) + k] = next.Weight[(o * units) + keep[k]];
            }
        }

        return (layer with { Weight = weight, Bias = bias, Shape = [keep.Count, inputs] },
                next with { Weight = nextWeight, Bias = nextBias, Shape = [nextUnits, keep.Count] },
                units - keep.Count);
    }

    // φ(b) with the very function the network trained with (TorchSharp's), so the folded constant is the unit's output.
    private static float[] Activate(string activation, float[] bias)
    {
        using var scope = NewDisposeScope();
        using var b = tensor(bias);
        return ActivationRegistry.Get(activation)(b).data<float>().ToArray();
    }

    private static string[] LinearNames(List<LayerWeights> layers)
    {
        var names = new string[layers.Count];
        var prunable = 0;
        for (var i = 0; i < layers.Count; i++)
        {
            if (layers[i].Kind != LayerKind.MaxPool)
            {
                names[i] = $"{(layers[i].Kind == LayerKind.Conv ? "conv" : "fc")}{prunable++}";
            }
        }

        return names;
    }
}
