using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Inference;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using EvoPrune.Learning.Tests.Onnx;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Tests.Inference;

public class CsrNetworkTests
{
    [Theory]
    [InlineData("lenet300-100", "relu", 0.95, false)]
    [InlineData("lenet300-100", "tanh", 0.5, true)]
    [InlineData("mlp", "sigmoid", 0.9, true)]
    [InlineData("mlp", "identity", 0.0, false)]
    public void Predict_MaskedNetwork_EqualsTheExportedGraphInOnnxRuntime(string architecture, string activation, double sparsity, bool perFeature)
    {
        var random = RandomSources.For(6, 0, 0, $"csr-{architecture}-{activation}");
        var spec = Architectures.Create(architecture, new InputShape(1, 16, 16), 10, architecture == "mlp" ? [40, 20] : null);
        var masks = spec.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextDouble() >= sparsity).ToArray()).ToArray();
        using var network = new MaskedNetwork(spec, [activation], masks, RandomKey.ForPurpose(6, "init"), CPU, WeightInit.PyTorch);
        var weights = NetworkWeights.From(network);
        var (raw, stats) = NetworkOnnxTests.Features(random, perFeature);
        using var onnx = NetworkOnnxTests.Load(NetworkOnnx.ToModel(weights, stats, new Dictionary<string, string>()));
        var csr = CsrNetwork.From(weights, stats);
        var samples = raw.Length / csr.Width;

        Assert.Equal(weights.KeptWeights, csr.StoredWeights);
        var expected = onnx.Predict(raw, samples);
        // Batch sizes that are not a multiple of the SIMD width, and one sample (the dot-product path).
        foreach (var batch in new[] { 1, 7, samples })
        {
            var actual = new float[samples * csr.Classes];
            for (var start = 0; start < samples; start += batch)
            {
                var n = Math.Min(batch, samples - start);
                csr.Predict(raw.AsSpan(start * csr.Width, n * csr.Width), n, actual.AsSpan(start * csr.Classes, n * csr.Classes));
            }

            Assert.True(NetworkOnnxTests.MaxAbsDiff(expected, actual) <= 1e-5, $"batch {batch}: max |diff| {NetworkOnnxTests.MaxAbsDiff(expected, actual)}");
            Assert.Equal(OnnxClassifier.Classify(expected, 10), OnnxClassifier.Classify(actual, 10));
        }
    }

    [Theory]
    [InlineData("lenet5", "relu", "fully connected layers only")]
    [InlineData("mlp", "gelu", "no 'gelu' activation")]
    public void From_ConvNetworkOrOtherActivation_IsRefusedNamingWhy(string architecture, string activation, string why)
    {
        var spec = Architectures.Create(architecture, new InputShape(1, 16, 16), 10, architecture == "mlp" ? [8] : null);
        using var network = new MaskedNetwork(spec, [activation], null, RandomKey.ForPurpose(1, "init"), CPU);

        var error = Assert.Throws<NotSupportedException>(() => CsrNetwork.From(NetworkWeights.From(network), null));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_FeaturesOfTheWrongLength_Throws()
    {
        var spec = Architectures.Create("mlp", InputShape.Flat(5), 3, [4]);
        using var network = new MaskedNetwork(spec, ["relu"], null, RandomKey.ForPurpose(1, "init"), CPU);
        var csr = CsrNetwork.From(NetworkWeights.From(network), null);

        Assert.Throws<ArgumentException>(() => csr.Predict(new float[9], 2, new float[6]));
    }
}
