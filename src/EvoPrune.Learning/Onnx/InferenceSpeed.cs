namespace EvoPrune.Learning.Onnx;

/// <summary>
/// Measured ONNX Runtime speed of one pruned network (<see cref="OnnxInferenceTiming.MaskedAndCompacted"/>): samples
/// per second at each of <paramref name="Batches"/> of the masked graph (the dense network's shapes: a dense Gemm
/// costs the same with zeros, so this is the dense network's speed) and of the compacted one, the multiply-accumulates
/// per sample that compaction removed, and the hidden units of each fully connected layer before and after.
/// </summary>
public sealed record InferenceSpeed(
    IReadOnlyList<int> Batches,
    IReadOnlyList<double> Masked,
    IReadOnlyList<double> Compacted,
    long RemovedMacs,
    IReadOnlyList<(string Layer, int Before, int After)> Units)
{
    /// <summary>Compacted over masked samples per second at each batch size.</summary>
    public IReadOnlyList<double> Speedup => [.. Compacted.Zip(Masked, (c, m) => c / m)];
}
