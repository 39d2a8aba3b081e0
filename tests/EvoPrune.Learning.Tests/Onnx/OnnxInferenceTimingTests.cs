using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using Google.Protobuf;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Tests.Onnx;

public class OnnxInferenceTimingTests
{
    [Fact]
    public void MaskedAndCompacted_VerySparseNetwork_TimesBothGraphsAndCountsTheRemovedMacs()
    {
        var random = RandomSources.For(4, 0, 0, "timing-masks");
        var spec = Architectures.Create("lenet300-100", new InputShape(1, 16, 16), 10);
        var masks = spec.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextDouble() < 0.02).ToArray()).ToArray();
        using var network = new MaskedNetwork(spec, ["relu"], masks, RandomKey.ForPurpose(4, "init"), CPU);
        var weights = NetworkWeights.From(network);

        var speed = OnnxInferenceTiming.MaskedAndCompacted(weights, null, [1, 8], repeats: 3);

        Assert.Equal([1, 8], speed.Batches);
        Assert.All(speed.Masked.Concat(speed.Compacted), s => Assert.True(double.IsFinite(s) && s > 0, $"samples/s {s}"));
        Assert.All(speed.Speedup, s => Assert.True(double.IsFinite(s) && s > 0, $"speed-up {s}"));
        var (compacted, units) = NetworkCompaction.Compact(weights);
        Assert.Equal(units, speed.Units);
        Assert.Contains(units, u => u.After < u.Before);
        // Linear layers' MACs per sample are their weight counts, and compaction touches only linear layers.
        Assert.Equal(weights.TotalWeights - compacted.TotalWeights, speed.RemovedMacs);
        Assert.True(speed.RemovedMacs > 0);
    }

    [Fact]
    public void SamplesPerSecond_ModelsOfDifferentWidths_Throws()
    {
        byte[] Model(int width)
        {
            var spec = Architectures.Create("mlp", InputShape.Flat(width), 3, [4]);
            using var network = new MaskedNetwork(spec, ["relu"], null, RandomKey.ForPurpose(1, "init"), CPU);
            return NetworkOnnx.ToModel(NetworkWeights.From(network), null, new Dictionary<string, string>()).ToByteArray();
        }

        var error = Assert.Throws<ArgumentException>(() => OnnxInferenceTiming.SamplesPerSecond([Model(5), Model(6)], [1]));

        Assert.Contains("different feature widths (5, 6)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SamplesPerSecond_BytesThatAreNotAModel_ThrowsNamingTheModel()
    {
        var error = Assert.Throws<InvalidDataException>(() => OnnxInferenceTiming.SamplesPerSecond([[1, 2, 3]], [1]));

        Assert.Contains("timed model 0", error.Message, StringComparison.Ordinal);
    }
}
