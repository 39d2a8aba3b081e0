using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Tests.Onnx;

public class NetworkCompactionTests
{
    [Theory]
    [InlineData("lenet300-100", "relu")]
    [InlineData("lenet5", "sigmoid")]
    public void Compact_VerySparseNetwork_RemovesDeadUnitsAndKeepsTheProbabilities(string architecture, string activation)
    {
        var random = RandomSources.For(9, 0, 0, architecture);
        var input = new InputShape(1, 16, 16);
        var spec = Architectures.Create(architecture, input, 10);
        // 2% density leaves many hidden units with no kept input or no kept output.
        var masks = spec.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextDouble() < 0.02).ToArray()).ToArray();
        using var network = new MaskedNetwork(spec, [activation], masks, RandomKey.ForPurpose(9, "init"), CPU, WeightInit.PyTorch);
        var full = NetworkWeights.From(network);

        var (compact, removed) = NetworkCompaction.Compact(full);

        Assert.NotEmpty(removed);
        Assert.Contains(removed, r => r.After < r.Before);
        var hiddenLinear = Enumerable.Range(0, full.Layers.Count - 1).Where(i => full.Layers[i].Kind == LayerKind.Linear).ToArray();
        Assert.Equal(hiddenLinear.Select(i => full.Layers[i].Units), removed.Select(r => r.Before));
        Assert.Equal(hiddenLinear.Select(i => compact.Layers[i].Units), removed.Select(r => r.After));
        Assert.True(compact.TotalWeights < full.TotalWeights);
        var (raw, stats) = NetworkOnnxTests.Features(random, perFeature: false);
        using var dense = NetworkOnnxTests.Load(NetworkOnnx.ToModel(full, stats, new Dictionary<string, string>()));
        using var small = NetworkOnnxTests.Load(NetworkOnnx.ToModel(compact, stats, new Dictionary<string, string>()));
        var expected = dense.Predict(raw, 64);
        var actual = small.Predict(raw, 64);
        Assert.True(NetworkOnnxTests.MaxAbsDiff(expected, actual) <= 1e-5, $"max |diff| {NetworkOnnxTests.MaxAbsDiff(expected, actual)}");
        Assert.Equal(OnnxClassifier.Classify(expected, 10), OnnxClassifier.Classify(actual, 10));
    }
}
