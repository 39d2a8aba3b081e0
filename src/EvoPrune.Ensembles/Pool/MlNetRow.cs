using System.Diagnostics.CodeAnalysis;

namespace EvoPrune.Ensembles.Pool;

/// <summary>The row type ML.NET reads: a key label (zero-based class index) and a dense feature vector.</summary>
internal sealed class MlNetRow
{
    public uint Label { get; set; }

    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "ML.NET maps vector columns to arrays.")]
    public float[] Features { get; set; } = [];
}
