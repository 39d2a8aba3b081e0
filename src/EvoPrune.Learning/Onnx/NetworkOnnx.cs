using EvoPrune.Data.Normalization;
using EvoPrune.Learning.Models;
using Onnx;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// Writes a <see cref="NetworkWeights"/> as an ONNX graph: input <c>features</c> [N, width] as the dataset reader yields
/// them, the training normalisation (Sub, Div), a reshape to [N, C, H, W] for conv networks, Gemm / Conv / MaxPool /
/// Flatten with the hidden activations, and outputs <c>probabilities</c> (Softmax over classes) and <c>logits</c>.
/// </summary>
public static class NetworkOnnx
{
    public const string InputName = "features";
    public const string ProbabilitiesName = "probabilities";
    public const string LogitsName = "logits";

    public static ModelProto ToModel(NetworkWeights network, NormalizationStats? normalization, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(network);
        var graph = new OnnxGraphBuilder(network.Architecture);
        var x = graph.Input(InputName, network.Input.Size);
        x = Normalize(graph, x, normalization, network.Input.Size);
        if (network.Convolutional)
        {
            var shape = graph.Int64s("shape", -1, network.Input.Channels, network.Input.Height, network.Input.Width);
            x = graph.Node("Reshape", [x, shape]);
        }

        x = EmitLayers(graph, network, x);
        graph.Output(graph.Node("Softmax", [x], null, ("axis", 1L)), ProbabilitiesName, network.Classes);
        graph.Output(x, LogitsName, network.Classes);
        return graph.Build(metadata, $"{network.Architecture} exported by EvoPrune");
    }

    /// <summary>Appends the network's layers (Flatten before the first linear layer of a conv network) to <paramref name="x"/>; returns the logits.</summary>
    public static string EmitLayers(OnnxGraphBuilder graph, NetworkWeights network, string x)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(network);
        var flat = !network.Convolutional;
        foreach (var layer in network.Layers)
        {
            switch (layer.Kind)
            {
                case LayerKind.MaxPool:
                    x = graph.Node("MaxPool", [x], null, ("kernel_shape", new long[] { 2, 2 }), ("strides", new long[] { 2, 2 }));
                    continue;
                case LayerKind.Conv:
                    var k = layer.Shape[2];
                    var w = graph.Constant("conv_weight", layer.Weight, [.. layer.Shape.Select(d => (long)d)]);
                    var b = graph.Constant("conv_bias", layer.Bias, layer.Units);
                    x = graph.Node("Conv", [x, w, b], null,
                        ("kernel_shape", new long[] { k, k }),
                        ("pads", new long[] { layer.Padding, layer.Padding, layer.Padding, layer.Padding }));
                    break;
                default:
                    if (!flat)
                    {
                        x = graph.Node("Flatten", [x], null, ("axis", 1L));
                        flat = true;
                    }

                    var weight = graph.Constant("weight", layer.Weight, layer.Units, layer.Inputs);
                    var bias = graph.Constant("bias", layer.Bias, layer.Units);
                    x = graph.Node("Gemm", [x, weight, bias], null, ("transB", 1L));
                    break;
            }

            if (layer.Activation != null)
            {
                x = OnnxActivations.Emit(graph, layer.Activation, x);
            }
        }

        return x;
    }

    /// <summary>(x − mean) / std with the training split's statistics, per feature or global; x itself when none.</summary>
    public static string Normalize(OnnxGraphBuilder graph, string x, NormalizationStats? normalization, int width)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (normalization == null)
        {
            return x;
        }

        var length = normalization.Mean.Count;
        if (length != 1 && length != width)
        {
            throw new ArgumentException($"Normalisation statistics are for {length} features; the network takes {width}.", nameof(normalization));
        }

        var mean = graph.Constant("mean", normalization.Mean.ToArray(), length);
        var std = graph.Constant("std", normalization.Std.ToArray(), length);
        return graph.Node("Div", [graph.Node("Sub", [x, mean]), std]);
    }
}
