namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>
/// A network decoded from a <see cref="NeatGenome"/>. Activation writes into a caller-owned span and allocates
/// nothing; one instance is not thread-safe (it keeps its node values between calls).
/// </summary>
public interface INeatNetwork
{
    /// <summary>Values expected per activation (the bias is added internally).</summary>
    int InputCount { get; }

    /// <summary>Values written per activation.</summary>
    int OutputCount { get; }

    /// <summary>Reads <paramref name="inputs"/>, propagates, and writes the output activations into <paramref name="outputs"/>.</summary>
    void Activate(ReadOnlySpan<double> inputs, Span<double> outputs);

    /// <summary>Sets every node value back to 0 (matters for recurrent networks).</summary>
    void Reset();
}
