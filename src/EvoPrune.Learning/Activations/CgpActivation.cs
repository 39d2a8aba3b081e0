using EvoPrune.Evolution.Cgp;
using EvoPrune.Learning.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Activations;

/// <summary>
/// Compiles a <see cref="CgpProgram"/> into an elementwise tensor function: one TorchSharp operation per active node,
/// with the same semantics as <see cref="CgpPrimitive.Scalar"/>. The result is guarded: NaN becomes 0 and values are
/// clamped to ±<see cref="Limit"/>, so products of products cannot overflow the next layer (a program that still
/// drives training to a non-finite loss is reported as a diverged evaluation by the trainer).
/// </summary>
public static class CgpActivation
{
    /// <summary>The largest magnitude an evolved activation may output.</summary>
    public const double Limit = 1e4;

    // Scalars handed to libtorch live as long as the process: a temporary Scalar made from a number for each call (as
    // TorchSharp's a + b, leaky_relu(x, slope), elu(x, 1.0) make) can be collected by another thread's garbage
    // collection while libtorch still reads it (see LiveScalars).
    private static readonly Scalar Lowest = (-Limit).ToScalar();
    private static readonly Scalar Highest = Limit.ToScalar();
    private static readonly Scalar MinusOne = (-1.0).ToScalar();
    private static readonly Scalar One = 1.0.ToScalar();
    private static readonly Scalar LeakySlope = CgpPrimitives.LeakySlope.ToScalar();
    private static readonly Scalar RReluSlope = CgpPrimitives.RReluSlope.ToScalar();

    public static Func<Tensor, Tensor> Compile(CgpProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var active = program.Active.ToArray();
        var genes = program.Genes.ToArray();
        var output = program.OutputAddress;
        return x =>
        {
            var values = new Tensor?[program.Shape.NodeCount + 1];
            values[0] = x;
            foreach (var node in active)
            {
                var a = values[genes[(3 * node) + 1]]!;
                var b = values[genes[(3 * node) + 2]];
                values[node + 1] = Apply(CgpPrimitives.All[genes[3 * node]].Name, a, b);
            }

            var y = output == 0 ? x.alias() : values[output]!;
            return y.nan_to_num(0.0, Limit, -Limit).clamp(Lowest, Highest);
        };
    }

    private static Tensor Apply(string name, Tensor a, Tensor? b) => name switch
    {
        "max" => a.maximum(b!),
        "min" => a.minimum(b!),
        "add" => a.add(b!, LiveScalars.IntOne),
        "sub" => a - b!,
        "mul" => a * b!,
        "tanh" => a.tanh(),
        "relu" => nn.functional.relu(a),
        "leaky_relu" => a.leaky_relu(LeakySlope),
        "elu" => LiveScalars.Elu(a),
        "hardshrink" => nn.functional.hardshrink(a, CgpPrimitives.ShrinkLambda),
        "celu" => a.celu(One),
        "hardtanh" => a.clamp(MinusOne, One),
        "hardswish" => nn.functional.hardswish(a),
        "softshrink" => nn.functional.softshrink(a, CgpPrimitives.ShrinkLambda),
        "rrelu" => a.leaky_relu(RReluSlope),
        _ => throw new ArgumentException($"CGP primitive '{name}' has no TorchSharp form.", nameof(name)),
    };
}
