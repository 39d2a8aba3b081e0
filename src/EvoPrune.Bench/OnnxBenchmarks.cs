using System.Diagnostics;
using System.Globalization;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Inference;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using Google.Protobuf;

namespace EvoPrune.Bench;

/// <summary>
/// Item 9: inference on the CPU (one thread) of LeNet-300-100 on 28×28 inputs, dense and under random masks of
/// 90/95/98% sparsity: in ONNX Runtime as exported (masked: the same dense Gemms with zeros) and compacted
/// (<see cref="NetworkCompaction"/>), and as compressed sparse rows (<see cref="CsrNetwork"/>: only the kept weights),
/// at batch 1 and 256. Measured speed-ups over the dense graph in ONNX Runtime sit beside the theoretical one (dense
/// multiply-accumulates / kept ones).
/// </summary>
internal static class OnnxBenchmarks
{
    private const string Group = "ONNX inference";
    private static readonly double[] Sparsities = [0.9, 0.95, 0.98];
    private static readonly int[] Batches = [1, 256];

    public static IEnumerable<BenchRow> Run(BenchOptions options)
    {
        var spec = Architectures.Create("lenet300-100", new InputShape(1, 28, 28), 10);
        var folder = Directory.CreateTempSubdirectory("evoprune-bench-onnx-").FullName;
        var sessions = new List<OnnxClassifier>();
        try
        {
            // Every form of every network, timed in alternation (one block of each, then the next repeat), so a machine
            // that gets busier or quieter during the item moves them all alike and the ratios stay fair.
            var (denseWeights, _) = Weights(spec, null);
            var forms = new List<(string Name, int Width, Action<float[], int> Run)>
            {
                Ort(folder, "dense", denseWeights, sessions),
                Csr("dense-csr", denseWeights),
            };
            var networks = new List<(string Percent, double Theory, string Units)>();
            foreach (var sparsity in Sparsities)
            {
                var random = RandomSources.For(8, 0, 0, $"bench-onnx-{sparsity}");
                var masks = spec.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextDouble() >= sparsity).ToArray()).ToArray();
                var (weights, theory) = Weights(spec, masks);
                var (compacted, removed) = NetworkCompaction.Compact(weights);
                var percent = (sparsity * 100).ToString("F0", CultureInfo.InvariantCulture);
                forms.Add(Ort(folder, $"{percent}-masked", weights, sessions));
                forms.Add(Ort(folder, $"{percent}-compacted", compacted, sessions));
                forms.Add(Csr($"{percent}-csr", weights));
                networks.Add((percent, theory, string.Join(", ", removed.Select(r => $"{r.Layer} {r.Before}->{r.After}"))));
            }

            var samples = Samples(options, forms);
            var dense = samples["dense"];
            foreach (var batch in Batches)
            {
                yield return new BenchRow(9, Group, $"dense, batch {batch}", dense[batch], "samples/s", options.Repeats);
                yield return new BenchRow(9, Group, $"dense as CSR / dense, batch {batch}", samples["dense-csr"][batch] / dense[batch], "x", options.Repeats,
                    Note: "every weight stored with its column index: the CSR form's own cost");
            }

            foreach (var (percent, theory, units) in networks)
            {
                var note = string.Create(CultureInfo.InvariantCulture, $"theoretical (kept MACs) {theory:F1}x");
                foreach (var batch in Batches)
                {
                    yield return new BenchRow(9, Group, $"{percent}% masked / dense, batch {batch}", samples[$"{percent}-masked"][batch] / dense[batch], "x", options.Repeats, Note: note);
                    yield return new BenchRow(9, Group, $"{percent}% compacted / dense, batch {batch}", samples[$"{percent}-compacted"][batch] / dense[batch], "x", options.Repeats,
                        Note: $"{note}; hidden units {units}");
                    yield return new BenchRow(9, Group, $"{percent}% CSR / dense, batch {batch}", samples[$"{percent}-csr"][batch] / dense[batch], "x", options.Repeats,
                        Note: $"{note}; C#, kept weights only");
                }
            }
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    // The network's layers under the masks (null: dense) and its theoretical speed-up (dense MACs / kept MACs).
    private static (NetworkWeights Weights, double Theory) Weights(ArchitectureSpec spec, bool[][]? masks)
    {
        using var network = new MaskedNetwork(spec, ["relu"], masks, RandomKey.ForPurpose(8, "bench-onnx-init"), TorchSharp.torch.CPU);
        return (NetworkWeights.From(network), (double)network.DenseMacs / network.KeptMacs);
    }

    // The exported graph in ONNX Runtime, one intra-op thread.
    private static (string, int, Action<float[], int>) Ort(string folder, string name, NetworkWeights weights, List<OnnxClassifier> sessions)
    {
        var path = Path.Combine(folder, name + ".onnx");
        File.WriteAllBytes(path, NetworkOnnx.ToModel(weights, null, new Dictionary<string, string>()).ToByteArray());
        var model = OnnxClassifier.Load(path, threads: 1);
        sessions.Add(model);
        return (name, model.Width, (rows, batch) => model.Run(rows, batch));
    }

    // The CSR form, on this thread.
    private static (string, int, Action<float[], int>) Csr(string name, NetworkWeights weights)
    {
        var csr = CsrNetwork.From(weights, null);
        var probabilities = new float[Batches.Max() * csr.Classes];
        return (name, csr.Width, (rows, batch) => csr.Predict(rows, batch, probabilities.AsSpan(0, batch * csr.Classes)));
    }

    // Samples per second of each form at each batch size: the median over repeats, the forms alternating within a repeat.
    private static Dictionary<string, Dictionary<int, double>> Samples(BenchOptions options, IReadOnlyList<(string Name, int Width, Action<float[], int> Run)> forms)
    {
        var random = RandomSources.For(8, 0, 0, "bench-onnx-inputs");
        var result = forms.ToDictionary(f => f.Name, _ => new Dictionary<int, double>());
        foreach (var batch in Batches)
        {
            var rows = Enumerable.Range(0, batch * forms[0].Width).Select(_ => (float)random.NextDouble()).ToArray();
            var calls = (options.Quick ? 2_000 : 20_000) / batch;
            var seconds = forms.Select(_ => new double[options.Repeats]).ToArray();
            foreach (var form in forms)
            {
                form.Run(rows, batch);
            }

            for (var r = 0; r < options.Repeats; r++)
            {
                for (var f = 0; f < forms.Count; f++)
                {
                    var clock = Stopwatch.StartNew();
                    for (var i = 0; i < calls; i++)
                    {
                        forms[f].Run(rows, batch);
                    }

                    seconds[f][r] = clock.Elapsed.TotalSeconds;
                }
            }

            for (var f = 0; f < forms.Count; f++)
            {
                result[forms[f].Name][batch] = calls * batch / Timing.Median(seconds[f]);
            }
        }

        return result;
    }
}
