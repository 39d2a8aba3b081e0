using EvoPrune.Data;
using EvoPrune.Data.Normalization;
using EvoPrune.Evolution.Cgp;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Tests.Onnx;

public class NetworkOnnxTests
{
    private const int Samples = 64;
    private static readonly InputShape Digit = new(1, 16, 16);

    public static TheoryData<string, string> Cases => new()
    {
        { "mlp", "relu" },
        { "lenet300-100", "tanh" },
        { "lenet5", "relu" },
        { "conv2", "elu" },
        { "conv4", "gelu" },
        { "conv6", "relu" },
        { "af-fcn", "cgp" },
        { "af-cnn", "mish" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ToModel_MaskedNetwork_OnnxRuntimeMatchesTorchSharpProbabilities(string architecture, string activation)
    {
        var random = RandomSources.For(5, 0, 0, architecture);
        var (raw, stats) = Features(random, perFeature: architecture == "mlp");
        var spec = Architectures.Create(architecture, Digit, 10, architecture == "mlp" ? [40, 20] : null);
        var function = activation == "cgp" ? CgpProgram.Random(new CgpShape(5, 5, 5), random).Text : activation;
        var layers = spec.Describe();
        var masks = layers.Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextDouble() < 0.2).ToArray()).ToArray();
        using var network = new MaskedNetwork(spec, [function], masks, RandomKey.ForPurpose(5, "init"), CPU, WeightInit.PyTorch);
        var weights = NetworkWeights.From(network);
        Assert.Equal(network.KeptWeights, weights.KeptWeights);

        using var classifier = Load(NetworkOnnx.ToModel(weights, stats, new Dictionary<string, string> { ["evoprune.genome"] = "g" }));
        var onnx = classifier.Predict(raw, Samples);

        var normalised = (float[])raw.Clone();
        stats.ApplyInPlace(normalised, Digit.Size);
        using var x = tensor(normalised, [Samples, Digit.Size]);
        using var noGrad = no_grad();
        network.eval();
        using var logits = network.forward(x);
        using var probabilities = logits.softmax(1);
        var expected = probabilities.data<float>().ToArray();
        Assert.Equal("g", classifier.Metadata["evoprune.genome"]);
        Assert.Equal(10, classifier.Classes);
        Assert.True(MaxAbsDiff(onnx, expected) <= 1e-5, $"max |diff| {MaxAbsDiff(onnx, expected)}");
        Assert.Equal(OnnxClassifier.Classify(expected, 10), OnnxClassifier.Classify(onnx, 10));
    }

    internal static OnnxClassifier Load(global::Onnx.ModelProto model)
    {
        var path = Path.Combine(Path.GetTempPath(), $"evoprune-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        try
        {
            return OnnxClassifier.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    internal static (float[] Raw, NormalizationStats Stats) Features(IRandomSource random, bool perFeature)
    {
        var raw = Enumerable.Range(0, Samples * Digit.Size).Select(_ => (float)random.NextDouble()).ToArray();
        var data = new LabeledData("pixels", raw, new int[Samples], Digit.Size, [.. Enumerable.Range(0, 10).Select(i => $"{i}")]);
        return (raw, NormalizationStats.Compute(data, perFeature ? NormalizationMode.PerFeature : NormalizationMode.Global));
    }

    internal static double MaxAbsDiff(float[] a, float[] b) => a.Zip(b).Max(p => Math.Abs(p.First - p.Second));
}
