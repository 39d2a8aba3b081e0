using System.Numerics;
using EvoPrune.Data.Normalization;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;

namespace EvoPrune.Learning.Inference;

/// <summary>
/// A fully connected network kept in compressed sparse rows: per layer only the non-zero weights with their column
/// indices, so a forward pass costs the kept multiply-accumulates, not the dense ones. Plain C# on one thread: a batch
/// is turned feature-major once so each kept weight scales a whole row of samples (SIMD over the batch); one sample is
/// a dot product per unit. Computes what the exported graph computes (normalisation, the hidden activations, softmax)
/// for relu, tanh, sigmoid and identity hidden layers. Holds scratch buffers, so one instance serves one thread.
/// </summary>
public sealed class CsrNetwork
{
    private static readonly string[] Supported = ["relu", "tanh", "sigmoid", "identity"];

    private readonly CsrLayer[] _layers;
    private readonly float[]? _mean;
    private readonly float[]? _std;
    private float[] _a = [];
    private float[] _b = [];

    private CsrNetwork(CsrLayer[] layers, int width, NormalizationStats? normalization)
    {
        _layers = layers;
        Width = width;
        if (normalization != null)
        {
            _mean = Expand(normalization.Mean, width);
            _std = Expand(normalization.Std, width);
        }
    }

    /// <summary>Features per sample.</summary>
    public int Width { get; }

    /// <summary>Columns of the probabilities.</summary>
    public int Classes => _layers[^1].Units;

    /// <summary>Weights stored (the non-zero ones).</summary>
    public long StoredWeights => _layers.Sum(l => (long)l.Values.Length);

    /// <summary>
    /// The network of fully connected layers <paramref name="network"/> in CSR form, with the training normalisation
    /// (null: none). Conv networks and other activations are refused (<see cref="NotSupportedException"/>).
    /// </summary>
    public static CsrNetwork From(NetworkWeights network, NormalizationStats? normalization)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network.Layers.Any(l => l.Kind != LayerKind.Linear))
        {
            throw new NotSupportedException($"{network.Architecture}: the CSR form takes fully connected layers only (this network has {string.Join(", ", network.Layers.Select(l => l.Kind).Distinct())}).");
        }

        var unsupported = network.Layers.Select(l => l.Activation).FirstOrDefault(a => a != null && !Supported.Contains(a));
        if (unsupported != null)
        {
            throw new NotSupportedException($"{network.Architecture}: the CSR form has no '{unsupported}' activation (it has {string.Join(", ", Supported)}).");
        }

        return new CsrNetwork([.. network.Layers.Select(CsrLayer.From)], network.Input.Size, normalization);
    }

    /// <summary>Writes the probabilities [count, classes] of <paramref name="count"/> rows of <paramref name="features"/>.</summary>
    public void Predict(ReadOnlySpan<float> features, int count, Span<float> probabilities)
    {
        if (features.Length != (long)count * Width || probabilities.Length != (long)count * Classes)
        {
            throw new ArgumentException($"{count} samples need {count * Width} features and {count * Classes} probabilities (got {features.Length} and {probabilities.Length}).", nameof(features));
        }

        var widest = Math.Max(Width, _layers.Max(l => l.Units));
        if (_a.Length < widest * count)
        {
            _a = new float[widest * count];
            _b = new float[widest * count];
        }

        // Feature-major: _a[f * count + n] is feature f of sample n, normalised. Features outer: the writes run along
        // a row, and the count sample rows being read stay in cache across neighbouring features.
        for (var f = 0; f < Width; f++)
        {
            var row = _a.AsSpan(f * count, count);
            for (var n = 0; n < count; n++)
            {
                var x = features[(n * Width) + f];
                row[n] = _mean == null ? x : (x - _mean[f]) / _std![f];
            }
        }

        var input = _a;
        var output = _b;
        foreach (var layer in _layers)
        {
            layer.Forward(input, output, count);
            (input, output) = (output, input);
        }

        Softmax(input, count, probabilities);
    }

    private void Softmax(float[] logits, int count, Span<float> probabilities)
    {
        var classes = Classes;
        for (var n = 0; n < count; n++)
        {
            var row = probabilities.Slice(n * classes, classes);
            var max = float.NegativeInfinity;
            for (var c = 0; c < classes; c++)
            {
                row[c] = logits[(c * count) + n];
                max = MathF.Max(max, row[c]);
            }

            var sum = 0f;
            for (var c = 0; c < classes; c++)
            {
                row[c] = MathF.Exp(row[c] - max);
                sum += row[c];
            }

            for (var c = 0; c < classes; c++)
            {
                row[c] /= sum;
            }
        }
    }

    private static float[] Expand(IReadOnlyList<float> values, int width) =>
        values.Count == 1 ? Enumerable.Repeat(values[0], width).ToArray()
        : values.Count == width ? [.. values]
        : throw new ArgumentException($"Normalisation statistics are for {values.Count} features; the network takes {width}.", nameof(values));

    private sealed record CsrLayer(int Units, int[] RowStart, int[] Columns, float[] Values, float[] Bias, string? Activation)
    {
        public static CsrLayer From(LayerWeights layer)
        {
            var rowStart = new int[layer.Units + 1];
            var columns = new List<int>();
            var values = new List<float>();
            for (var o = 0; o < layer.Units; o++)
            {
                var row = layer.Weight.AsSpan(o * layer.Inputs, layer.Inputs);
                for (var i = 0; i < row.Length; i++)
                {
                    if (row[i] != 0f)
                    {
                        columns.Add(i);
                        values.Add(row[i]);
                    }
                }

                rowStart[o + 1] = columns.Count;
            }

            return new CsrLayer(layer.Units, rowStart, [.. columns], [.. values], layer.Bias, layer.Activation);
        }

        // output[o * count + n] = φ(bias[o] + Σ_k value[k] · input[column[k] * count + n]).
        public void Forward(float[] input, float[] output, int count)
        {
            for (var o = 0; o < Units; o++)
            {
                var row = output.AsSpan(o * count, count);
                if (count == 1)
                {
                    // Four partial sums: one running sum would wait on each previous add.
                    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
                    var k = RowStart[o];
                    var end = RowStart[o + 1];
                    for (; k + 3 < end; k += 4)
                    {
                        s0 += Values[k] * input[Columns[k]];
                        s1 += Values[k + 1] * input[Columns[k + 1]];
                        s2 += Values[k + 2] * input[Columns[k + 2]];
                        s3 += Values[k + 3] * input[Columns[k + 3]];
                    }

                    for (; k < end; k++)
                    {
                        s0 += Values[k] * input[Columns[k]];
                    }

                    row[0] = Bias[o] + (s0 + s1 + (s2 + s3));
                }
                else
                {
                    row.Fill(Bias[o]);
                    for (var k = RowStart[o]; k < RowStart[o + 1]; k++)
                    {
                        MultiplyAdd(Values[k], input.AsSpan(Columns[k] * count, count), row);
                    }
                }

                Activate(row);
            }
        }

        private void Activate(Span<float> row)
        {
            switch (Activation)
            {
                case null or "identity":
                    return;
                case "relu":
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = MathF.Max(row[i], 0f);
                    }

                    return;
                case "tanh":
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = MathF.Tanh(row[i]);
                    }

                    return;
                default:
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = 1f / (1f + MathF.Exp(-row[i]));
                    }

                    return;
            }
        }

        private static void MultiplyAdd(float scale, ReadOnlySpan<float> x, Span<float> y)
        {
            var i = 0;
            if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
            {
                var s = new Vector<float>(scale);
                for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
                {
                    (new Vector<float>(y[i..]) + (s * new Vector<float>(x[i..]))).CopyTo(y[i..]);
                }
            }

            for (; i < x.Length; i++)
            {
                y[i] += scale * x[i];
            }
        }
    }
}
