using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// How sparse to make a network: a fraction of prunable weights removed (biases are never pruned), enforced per
/// layer or globally, optionally with its own sparsity for each layer (as the LTH paper prunes conv, fc and output
/// layers at different rates). Kept counts are round((1 − sparsity) × size), midpoint away from zero, exactly as
/// <c>MaskGenomeFactory</c> rounds densities, so every method that uses a target hits the same counts.
/// </summary>
public sealed record PruningTarget
{
    /// <summary>Fraction of prunable weights removed, in [0, 1].</summary>
    public double Sparsity { get; init; }

    public PruningScope Scope { get; init; } = PruningScope.PerLayer;

    /// <summary>Per-layer sparsities overriding <see cref="Sparsity"/> (per-layer scope only).</summary>
    public IReadOnlyList<double>? LayerSparsities { get; init; }

    /// <summary>The same sparsity in every layer.</summary>
    public static PruningTarget PerLayer(double sparsity) => new() { Sparsity = sparsity };

    /// <summary>One ranking over all prunable weights.</summary>
    public static PruningTarget Global(double sparsity) => new() { Sparsity = sparsity, Scope = PruningScope.Global };

    /// <summary>
    /// Per-layer sparsities by layer role: convolutions get <paramref name="conv"/>, hidden linear layers
    /// <paramref name="fc"/> and the output layer <paramref name="output"/> (the LTH paper uses half the fc rate there).
    /// </summary>
    public static PruningTarget ByLayerKind(ArchitectureSpec architecture, double conv, double fc, double output)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var layers = architecture.Describe();
        var rates = new double[layers.Count];
        for (var i = 0; i < layers.Count; i++)
        {
            rates[i] = i == layers.Count - 1 ? output
                : architecture.Layers[layers[i].LayerIndex].Kind == LayerKind.Conv ? conv : fc;
        }

        var total = layers.Sum(l => l.Weights);
        var overall = layers.Select((l, i) => l.Weights * rates[i]).Sum() / total;
        return new PruningTarget { Sparsity = overall, LayerSparsities = rates };
    }

    /// <summary>Weights kept out of <paramref name="size"/> at <paramref name="sparsity"/>.</summary>
    public static long Kept(long size, double sparsity)
    {
        CheckFraction(sparsity, nameof(sparsity));
        return (long)Math.Round((1.0 - sparsity) * size, MidpointRounding.AwayFromZero);
    }

    /// <summary>Weights kept in each layer (per-layer scope).</summary>
    public long[] KeptPerLayer(IReadOnlyList<long> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (LayerSparsities != null && LayerSparsities.Count != layerSizes.Count)
        {
            throw new ArgumentException($"{LayerSparsities.Count} layer sparsities were given for {layerSizes.Count} layers.", nameof(layerSizes));
        }

        return layerSizes.Select((size, i) => Kept(size, LayerSparsities?[i] ?? Sparsity)).ToArray();
    }

    /// <summary>Weights kept over all layers (global scope).</summary>
    public long KeptTotal(IReadOnlyList<long> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        return Scope == PruningScope.Global ? Kept(layerSizes.Sum(), Sparsity) : KeptPerLayer(layerSizes).Sum();
    }

    /// <summary>Throws unless the target is usable for layers of <paramref name="layerSizes"/>.</summary>
    public void Validate(IReadOnlyList<long> layerSizes)
    {
        CheckFraction(Sparsity, nameof(Sparsity));
        if (Scope == PruningScope.Global && LayerSparsities != null)
        {
            throw new ArgumentException("Per-layer sparsities need the per-layer scope.");
        }

        foreach (var s in LayerSparsities ?? [])
        {
            CheckFraction(s, nameof(LayerSparsities));
        }

        _ = KeptPerLayer(layerSizes);
    }

    private static void CheckFraction(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "A sparsity must be in [0, 1].");
        }
    }
}
