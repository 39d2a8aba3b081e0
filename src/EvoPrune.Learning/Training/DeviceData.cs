using EvoPrune.Data;
using EvoPrune.Learning.Models;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Training;

/// <summary>
/// One split held on a device as two tensors: features [N, D] (float32) and labels [N] (int64). Made once per
/// silo and dataset, then shared by every evaluation there, so no evaluation copies the data again.
/// </summary>
public sealed class DeviceData : IDisposable
{
    private DeviceData(string name, Tensor features, Tensor labels, int count, int classes, InputShape shape)
    {
        Name = name;
        Features = features;
        Labels = labels;
        Count = count;
        ClassCount = classes;
        Shape = shape;
    }

    public string Name { get; }

    public Tensor Features { get; }

    public Tensor Labels { get; }

    public int Count { get; }

    public int ClassCount { get; }

    /// <summary>The shape of one sample (images keep channels x height x width; tables are 1 x 1 x D).</summary>
    public InputShape Shape { get; }

    /// <summary>Copies <paramref name="data"/> to <paramref name="device"/>.</summary>
    public static DeviceData From(LabeledData data, Device device)
    {
        ArgumentNullException.ThrowIfNull(data);
        var shape = data.Shape is { } s ? new InputShape(s.Channels, s.Height, s.Width) : InputShape.Flat(data.FeatureCount);
        var labels = new long[data.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = data.Labels[i];
        }

        var x = tensor(data.Features, [data.Count, data.FeatureCount], device: device);
        var y = tensor(labels, device: device);
        return new DeviceData(data.Name, x, y, data.Count, data.ClassCount, shape);
    }

    /// <summary>
    /// A new split holding <paramref name="first"/>'s samples followed by <paramref name="second"/>'s, on their device
    /// (for training a final network on train ∪ validation). The caller disposes it; the inputs are untouched.
    /// </summary>
    public static DeviceData Concat(DeviceData first, DeviceData second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Features.shape[1] != second.Features.shape[1] || first.ClassCount != second.ClassCount)
        {
            throw new ArgumentException($"Splits {first.Name} and {second.Name} differ in features or classes and cannot be joined.");
        }

        var x = cat([first.Features, second.Features], 0);
        var y = cat([first.Labels, second.Labels], 0);
        return new DeviceData($"{first.Name}+{second.Name}", x, y, first.Count + second.Count, first.ClassCount, first.Shape);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }
}
