namespace EvoPrune.Learning.Models;

/// <summary>
/// The named architectures of the pruning literature: LeNet-300-100 and LeNet-5 (LeCun et al. 1998) and
/// Conv-2/4/6 (Frankle and Carbin 2019: 3x3 convolutions in pairs, each pair followed by 2x2 max pooling,
/// then fully connected 256-256-classes), and the two networks of Lapid and Sipper's activation-function search:
/// af-fcn (seven hidden layers of 32: the input-layer function after the first, the hidden-layer function after the
/// next five, the output-layer function after the seventh) and af-cnn (conv 32 → pool → conv 64 → pool → fc 1000,
/// without the source's dropout).
/// </summary>
public static class Architectures
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["mlp", "lenet300-100", "lenet5", "conv2", "conv4", "conv6", "af-fcn", "af-cnn"];

    /// <summary>
    /// Builds the architecture called <paramref name="name"/> for inputs of <paramref name="input"/> and
    /// <paramref name="classes"/> classes; <paramref name="hidden"/> gives the hidden widths of "mlp".
    /// </summary>
    public static ArchitectureSpec Create(string name, InputShape input, int classes, IReadOnlyList<int>? hidden = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (classes < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"A classifier needs at least 2 classes (got {classes}).");
        }

        var layers = name.ToLowerInvariant() switch
        {
            "mlp" => Mlp(hidden ?? throw new ArgumentException("Architecture 'mlp' needs its hidden layer widths (e.g. [300, 100]).", nameof(hidden))),
            "lenet300-100" or "lenet-300-100" => Mlp([300, 100]),
            "lenet5" or "lenet-5" =>
            [
                LayerSpec.Convolution(6, 5, 2), LayerSpec.Pool(),
                LayerSpec.Convolution(16, 5, 0), LayerSpec.Pool(),
                LayerSpec.Dense(120), LayerSpec.Dense(84),
            ],
            "af-fcn" => Mlp([32, 32, 32, 32, 32, 32, 32]),
            "af-cnn" => [LayerSpec.Convolution(32, 3, 0), LayerSpec.Pool(), LayerSpec.Convolution(64, 3, 0), LayerSpec.Pool(), LayerSpec.Dense(1000)],
            "conv2" or "conv-2" => Conv(1),
            "conv4" or "conv-4" => Conv(2),
            "conv6" or "conv-6" => Conv(3),
            _ => throw new ArgumentException($"Unknown architecture '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
        };
        layers.Add(LayerSpec.Dense(classes));
        var spec = new ArchitectureSpec(name.ToLowerInvariant(), input, layers, classes);
        _ = spec.Describe();
        return spec;
    }

    private static List<LayerSpec> Mlp(IReadOnlyList<int> hidden)
    {
        if (hidden.Any(h => h <= 0))
        {
            throw new ArgumentException($"Hidden layer widths must be positive (got [{string.Join(", ", hidden)}]).", nameof(hidden));
        }

        return hidden.Select(LayerSpec.Dense).ToList();
    }

    // Conv-2/4/6: 'pairs' blocks of two 3x3 convolutions (64, 128, 256 channels) with pooling after each.
    private static List<LayerSpec> Conv(int pairs)
    {
        var layers = new List<LayerSpec>();
        for (var p = 0; p < pairs; p++)
        {
            var channels = 64 << p;
            layers.Add(LayerSpec.Convolution(channels, 3, 1));
            layers.Add(LayerSpec.Convolution(channels, 3, 1));
            layers.Add(LayerSpec.Pool());
        }

        layers.Add(LayerSpec.Dense(256));
        layers.Add(LayerSpec.Dense(256));
        return layers;
    }
}
