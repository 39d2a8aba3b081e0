using EvoPrune.Evolution.Cgp;
using EvoPrune.Learning.Activations;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// The activation functions of <see cref="ActivationRegistry"/> as ONNX nodes with TorchSharp's semantics
/// (softplus returns x above 20 as torch does, GELU is the exact erf form), and evolved CGP programs as elementwise
/// subgraphs: one node per active program node, then <see cref="CgpActivation"/>'s guard (NaN to 0, clamp to ±limit).
/// </summary>
public static class OnnxActivations
{
    private const float SoftplusThreshold = 20f;

    /// <summary>Appends <paramref name="name"/> applied to <paramref name="x"/> and returns the result's name.</summary>
    public static string Emit(OnnxGraphBuilder graph, string name, string x)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(name);
        if (CgpProgram.LooksLikeProgram(name))
        {
            return EmitProgram(graph, CgpProgram.Parse(name), x);
        }

        return name.ToLowerInvariant() switch
        {
            "relu" => graph.Node("Relu", [x]),
            "leaky_relu" => graph.Node("LeakyRelu", [x], null, ("alpha", 0.01f)),
            "elu" => graph.Node("Elu", [x], null, ("alpha", 1f)),
            "selu" => graph.Node("Selu", [x]),
            "gelu" => Gelu(graph, x),
            "silu" => graph.Node("Mul", [x, graph.Node("Sigmoid", [x])]),
            "tanh" => graph.Node("Tanh", [x]),
            "sigmoid" => graph.Node("Sigmoid", [x]),
            "softplus" => Softplus(graph, x),
            "softsign" => graph.Node("Softsign", [x]),
            "sin" => graph.Node("Sin", [x]),
            "hardswish" => graph.Node("HardSwish", [x]),
            "mish" => graph.Node("Mul", [x, graph.Node("Tanh", [Softplus(graph, x)])]),
            "identity" => graph.Node("Identity", [x]),
            _ => throw new ArgumentException($"Activation '{name}' has no ONNX form. Known: {string.Join(", ", ActivationRegistry.Names)} and CGP programs.", nameof(name)),
        };
    }

    private static string EmitProgram(OnnxGraphBuilder graph, CgpProgram program, string x)
    {
        var genes = program.Genes;
        var values = new string?[program.Shape.NodeCount + 1];
        values[0] = x;
        foreach (var node in program.Active)
        {
            var a = values[genes[(3 * node) + 1]]!;
            var b = values[genes[(3 * node) + 2]];
            values[node + 1] = Primitive(graph, CgpPrimitives.All[genes[3 * node]].Name, a, b);
        }

        var y = program.OutputAddress == 0 ? x : values[program.OutputAddress]!;
        var isNan = graph.Node("IsNaN", [y]);
        var cleaned = graph.Node("Where", [isNan, graph.Scalar("zero", 0f), y]);
        var limit = (float)CgpActivation.Limit;
        return graph.Node("Clip", [cleaned, graph.Scalar("min", -limit), graph.Scalar("max", limit)]);
    }

    private static string Primitive(OnnxGraphBuilder graph, string name, string a, string? b) => name switch
    {
        "max" => graph.Node("Max", [a, b!]),
        "min" => graph.Node("Min", [a, b!]),
        "add" => graph.Node("Add", [a, b!]),
        "sub" => graph.Node("Sub", [a, b!]),
        "mul" => graph.Node("Mul", [a, b!]),
        "tanh" => graph.Node("Tanh", [a]),
        "relu" => graph.Node("Relu", [a]),
        "leaky_relu" => graph.Node("LeakyRelu", [a], null, ("alpha", CgpPrimitives.LeakySlope)),
        "elu" => graph.Node("Elu", [a], null, ("alpha", 1f)),
        "hardshrink" => graph.Node("Shrink", [a], null, ("lambd", CgpPrimitives.ShrinkLambda), ("bias", 0f)),
        "celu" => graph.Node("Celu", [a], null, ("alpha", 1f)),
        "hardtanh" => graph.Node("Clip", [a, graph.Scalar("min", -1f), graph.Scalar("max", 1f)]),
        "hardswish" => graph.Node("HardSwish", [a]),
        "softshrink" => graph.Node("Shrink", [a], null, ("lambd", CgpPrimitives.ShrinkLambda), ("bias", CgpPrimitives.ShrinkLambda)),
        "rrelu" => graph.Node("LeakyRelu", [a], null, ("alpha", CgpPrimitives.RReluSlope)),
        _ => throw new ArgumentException($"CGP primitive '{name}' has no ONNX form.", nameof(name)),
    };

    // torch.nn.functional.softplus(x) with beta 1 returns x itself above the threshold 20.
    private static string Softplus(OnnxGraphBuilder graph, string x)
    {
        var above = graph.Node("Greater", [x, graph.Scalar("threshold", SoftplusThreshold)]);
        return graph.Node("Where", [above, x, graph.Node("Softplus", [x])]);
    }

    // The exact GELU: x/2 · (1 + erf(x/√2)).
    private static string Gelu(OnnxGraphBuilder graph, string x)
    {
        var erf = graph.Node("Erf", [graph.Node("Mul", [x, graph.Scalar("inv_sqrt2", (float)(1.0 / Math.Sqrt(2.0)))])]);
        var half = graph.Node("Mul", [x, graph.Scalar("half", 0.5f)]);
        return graph.Node("Mul", [half, graph.Node("Add", [erf, graph.Scalar("one", 1f)])]);
    }
}
