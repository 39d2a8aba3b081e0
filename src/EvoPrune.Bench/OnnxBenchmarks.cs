using System.Globalization;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using Google.Protobuf;

namespace EvoPrune.Bench;

/// <summary>
/// Item 8: inference in ONNX Runtime on the CPU (one intra-op thread) of LeNet-300-100 on 28×28 inputs, dense and
/// under random masks of 90/95/98% sparsity, as exported (masked: the same dense Gemms with zeros) and compacted
/// (<see cref="NetworkCompaction"/>), at batch 1 and 256. Measured speed-ups over the dense graph sit beside the
/// theoretical one (dense multiply-accumulates / kept ones).
/// </summary>
internal static class OnnxBenchmarks
{
    private const string Group = "ONNX inference";
    private static readonly double[] Sparsities = [0.9, 0.95, 0.98];

    public static IEnumerable<BenchRow> Run(BenchOptions options)
    {
        var spec = Architectures.Create("lenet300-100", new InputShape(1, 28, 28), 10);
        var folder = Directory.CreateTempSubdirectory("evoprune-bench-onnx-").FullName;
        try
        {
            var dense = Samples(options, folder, "dense", spec, null, out _);
            foreach (var batch in new[] { 1, 256 })
            {
                yield return new BenchRow(9, Group, $"dense, batch {batch}", dense[batch], "samples/s", options.Repeats);
            }

            foreach (var sparsity in Sparsities)
            {
                var random = RandomSources.For(8, 0, 0, $"bench-onnx-{sparsity}");
                var masks = spec.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextDouble() >= sparsity).ToArray()).ToArray();
                var masked = Samples(options, folder, $"masked{sparsity}", spec, masks, out var theory);
                var compact = Samples(options, folder, $"compact{sparsity}", spec, masks, out var units, compactFirst: true);
                foreach (var batch in new[] { 1, 256 })
                {
                    var percent = (sparsity * 100).ToString("F0", CultureInfo.InvariantCulture);
                    yield return new BenchRow(9, Group, $"{percent}% masked / dense, batch {batch}", masked[batch] / dense[batch], "x", options.Repeats,
                        Note: string.Create(CultureInfo.InvariantCulture, $"theoretical (kept MACs) {theory}"));
                    yield return new BenchRow(9, Group, $"{percent}% compacted / dense, batch {batch}", compact[batch] / dense[batch], "x", options.Repeats,
                        Note: $"hidden units {units}");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // Samples per second at batch 1 and 256; note: the theoretical speed-up, or the compacted layer widths.
    private static Dictionary<int, double> Samples(BenchOptions options, string folder, string name, ArchitectureSpec spec, bool[][]? masks, out string note, bool compactFirst = false)
    {
        using var network = new MaskedNetwork(spec, ["relu"], masks, RandomKey.ForPurpose(8, "bench-onnx-init"), TorchSharp.torch.CPU);
        var weights = NetworkWeights.From(network);
        note = string.Create(CultureInfo.InvariantCulture, $"{(double)network.DenseMacs / network.KeptMacs:F1}x");
        if (compactFirst)
        {
            var (compacted, removed) = NetworkCompaction.Compact(weights);
            weights = compacted;
            note = string.Join(", ", removed.Select(r => $"{r.Layer} {r.Before}->{r.After}"));
        }

        var path = Path.Combine(folder, name + ".onnx");
        File.WriteAllBytes(path, NetworkOnnx.ToModel(weights, null, new Dictionary<string, string>()).ToByteArray());
        using var model = OnnxClassifier.Load(path, threads: 1);
        var random = RandomSources.For(8, 0, 0, "bench-onnx-inputs");
        var result = new Dictionary<int, double>();
        foreach (var batch in new[] { 1, 256 })
        {
            var rows = Enumerable.Range(0, batch * model.Width).Select(_ => (float)random.NextDouble()).ToArray();
            var calls = (options.Quick ? 2_000 : 20_000) / batch;
            var seconds = Timing.MedianSeconds(options.Repeats, () =>
            {
                for (var i = 0; i < calls; i++)
                {
                    model.Run(rows, batch);
                }
            });
            result[batch] = calls * batch / seconds;
        }

        return result;
    }
}
