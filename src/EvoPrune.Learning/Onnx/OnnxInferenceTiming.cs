using System.Diagnostics;
using EvoPrune.Data.Normalization;
using EvoPrune.Evolution.Randomness;
using Google.Protobuf;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// Times inference in ONNX Runtime on the CPU with one intra-op thread: samples per second of several graphs that take
/// the same features, at several batch sizes, as the median of a few timed blocks. The graphs' blocks alternate (graph
/// 1, graph 2, graph 1, …) so a machine that gets busier or quieter meanwhile moves every graph alike, and each block
/// holds as many runs as fill about <see cref="BlockSeconds"/> (at least one), so the cost stays bounded: about
/// repeats × block per graph and batch size, plus a few warm-up runs. Figures are reported, never used for fitness.
/// </summary>
public static class OnnxInferenceTiming
{
    public const int DefaultRepeats = 5;

    /// <summary>Target length of one timed block.</summary>
    public const double BlockSeconds = 0.01;

    private const int WarmUpRuns = 2;
    private const int MaxRunsPerBlock = 10_000;

    /// <summary>
    /// Samples per second of each model (serialized ONNX) at each of <paramref name="batches"/>: result[model][batch].
    /// Inputs are uniform in [0, 1) from a fixed key, the same for every model.
    /// </summary>
    public static double[][] SamplesPerSecond(IReadOnlyList<byte[]> models, IReadOnlyList<int> batches, int repeats = DefaultRepeats)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (models.Count == 0 || batches.Count == 0 || batches.Any(b => b < 1))
        {
            throw new ArgumentException("Timing needs at least one model and batch sizes of at least 1.", nameof(batches));
        }

        var sessions = new List<OnnxClassifier>();
        try
        {
            foreach (var (model, index) in models.Select((m, i) => (m, i)))
            {
                sessions.Add(OnnxClassifier.Load(model, $"timed model {index}", threads: 1));
            }

            var width = sessions[0].Width;
            if (sessions.Any(s => s.Width != width))
            {
                throw new ArgumentException($"The timed models take different feature widths ({string.Join(", ", sessions.Select(s => s.Width))}).", nameof(models));
            }

            var result = sessions.Select(_ => new double[batches.Count]).ToArray();
            var random = RandomSources.For(RandomKey.ForPurpose(1, "onnx-inference-timing"));
            for (var b = 0; b < batches.Count; b++)
            {
                var batch = batches[b];
                var rows = Enumerable.Range(0, batch * width).Select(_ => (float)random.NextDouble()).ToArray();
                var runs = sessions.Select(s => RunsPerBlock(s, rows, batch)).ToArray();
                var samples = sessions.Select(_ => new double[repeats]).ToArray();
                for (var r = 0; r < repeats; r++)
                {
                    for (var m = 0; m < sessions.Count; m++)
                    {
                        samples[m][r] = runs[m] * batch / Time(sessions[m], rows, batch, runs[m]);
                    }
                }

                for (var m = 0; m < sessions.Count; m++)
                {
                    result[m][b] = Median(samples[m]);
                }
            }

            return result;
        }
        finally
        {
            foreach (var session in sessions)
            {
                session.Dispose();
            }
        }
    }

    /// <summary>
    /// <paramref name="network"/> as exported (the masked graph: the dense network's shapes, pruned weights zero) and
    /// compacted (<see cref="NetworkCompaction"/>), timed against each other at <paramref name="batches"/>.
    /// </summary>
    public static InferenceSpeed MaskedAndCompacted(NetworkWeights network, NormalizationStats? normalization, IReadOnlyList<int> batches, int repeats = DefaultRepeats)
    {
        ArgumentNullException.ThrowIfNull(network);
        var (compacted, units) = NetworkCompaction.Compact(network);
        var empty = new Dictionary<string, string>();
        var times = SamplesPerSecond(
            [NetworkOnnx.ToModel(network, normalization, empty).ToByteArray(), NetworkOnnx.ToModel(compacted, normalization, empty).ToByteArray()],
            batches,
            repeats);
        var removedMacs = network.Layers.Zip(compacted.Layers).Where(p => p.First.Kind == Models.LayerKind.Linear).Sum(p => (long)(p.First.Weight.Length - p.Second.Weight.Length));
        return new InferenceSpeed([.. batches], times[0], times[1], removedMacs, units);
    }

    // Runs that fill about one block, from the time of one run after the warm-up.
    private static int RunsPerBlock(OnnxClassifier session, float[] rows, int batch)
    {
        for (var i = 0; i < WarmUpRuns; i++)
        {
            session.Run(rows, batch);
        }

        var one = Time(session, rows, batch, 1);
        return (int)Math.Clamp(Math.Ceiling(BlockSeconds / Math.Max(one, 1e-7)), 1, MaxRunsPerBlock);
    }

    private static double Time(OnnxClassifier session, float[] rows, int batch, int runs)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < runs; i++)
        {
            session.Run(rows, batch);
        }

        return Math.Max(Stopwatch.GetElapsedTime(start).TotalSeconds, 1e-9);
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
