using EvoPrune.Data;
using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Experiments;

/// <summary>Which network to build, as configs write it: an architecture name, hidden widths for "mlp", activations.</summary>
public sealed record ModelSpec
{
    public string Architecture { get; init; } = "lenet300-100";

    public IReadOnlyList<int>? Hidden { get; init; }

    /// <summary>One activation for every hidden layer, or one per hidden layer.</summary>
    public IReadOnlyList<string> Activations { get; init; } = ["relu"];

    /// <summary>How initial weights are drawn.</summary>
    public WeightInit Init { get; init; } = WeightInit.Kaiming;

    /// <summary>The architecture for inputs shaped like <paramref name="data"/>.</summary>
    public ArchitectureSpec Build(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var input = data.Shape is { } s ? new InputShape(s.Channels, s.Height, s.Width) : InputShape.Flat(data.FeatureCount);
        return Architectures.Create(Architecture, input, data.ClassCount, Hidden);
    }
}
