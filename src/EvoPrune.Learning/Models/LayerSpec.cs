namespace EvoPrune.Learning.Models;

/// <summary>One layer of an architecture: plain data, so architectures can be written in configs and genomes.</summary>
/// <param name="Kind">What the layer is.</param>
/// <param name="Units">Output features (linear) or output channels (conv); unused for pooling.</param>
/// <param name="Kernel">Square kernel size (conv only).</param>
/// <param name="Padding">Zero padding on each side (conv only).</param>
public sealed record LayerSpec(LayerKind Kind, int Units = 0, int Kernel = 0, int Padding = 0)
{
    public static LayerSpec Dense(int units) => new(LayerKind.Linear, units);

    public static LayerSpec Convolution(int channels, int kernel, int padding) => new(LayerKind.Conv, channels, kernel, padding);

    public static LayerSpec Pool() => new(LayerKind.MaxPool);

    public bool IsPrunable => Kind is LayerKind.Linear or LayerKind.Conv;
}
