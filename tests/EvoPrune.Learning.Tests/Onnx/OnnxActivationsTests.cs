using EvoPrune.Evolution.Cgp;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Activations;
using EvoPrune.Learning.Onnx;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Tests.Onnx;

public class OnnxActivationsTests
{
    // A grid over [-30, 30] that crosses softplus's threshold (20), the shrink lambdas (±0.5) and zero.
    private static readonly float[] Grid = [.. Enumerable.Range(0, 1201).Select(i => (i - 600) / 20f)];

    public static TheoryData<string> RegistryNames => [.. ActivationRegistry.Names];

    [Theory]
    [MemberData(nameof(RegistryNames))]
    public void Emit_RegistryFunction_MatchesTorchSharpWithin1e5(string name)
    {
        AssertMatchesTorch(name);
    }

    [Fact]
    public void Emit_RandomCgpPrograms_MatchTorchSharpWithin1e5AndUseEveryPrimitive()
    {
        var shape = new CgpShape(5, 5, 5);
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 60; i++)
        {
            var program = CgpProgram.Random(shape, RandomSources.For(17, i, 0, "onnx-test"));
            foreach (var node in program.Active)
            {
                used.Add(CgpPrimitives.All[program.Genes[3 * node]].Name);
            }

            AssertMatchesTorch(program.Text);
        }

        Assert.Equal(CgpPrimitives.All.Select(p => p.Name).Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    private static void AssertMatchesTorch(string name)
    {
        var graph = new OnnxGraphBuilder("activation");
        var x = graph.Input("x", 1);
        graph.Output(OnnxActivations.Emit(graph, name, x), "y", 1);
        var bytes = Google.Protobuf.MessageExtensions.ToByteArray(graph.Build(new Dictionary<string, string>(), name));
        using var session = new InferenceSession(bytes);
        using var input = OrtValue.CreateTensorValueFromMemory(Grid, [Grid.Length, 1]);
        using var outputs = session.Run(new RunOptions(), ["x"], [input], ["y"]);
        var onnx = outputs[0].GetTensorDataAsSpan<float>().ToArray();

        using var t = tensor(Grid);
        using var y = ActivationRegistry.Get(name)(t);
        var expected = y.data<float>().ToArray();
        for (var i = 0; i < Grid.Length; i++)
        {
            var tolerance = 1e-5 * Math.Max(1.0, Math.Abs(expected[i]));
            Assert.True(Math.Abs(onnx[i] - expected[i]) <= tolerance, $"{ActivationRegistry.Describe(name)} at x={Grid[i]}: onnx {onnx[i]}, torch {expected[i]}");
        }
    }
}
