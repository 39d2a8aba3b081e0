using System.Globalization;

namespace EvoPrune.Learning.Devices;

/// <summary>
/// Where a network trains, as the user writes it: <c>auto</c> (CUDA if present, else CPU), <c>cpu</c>,
/// <c>cuda</c> (device 0) or <c>cuda:N</c>. Plain data, so it crosses grain calls and configs.
/// </summary>
public readonly record struct DeviceSpec(DeviceKind Kind, int Index)
{
    public static DeviceSpec Auto => new(DeviceKind.Auto, 0);

    public static DeviceSpec Cpu => new(DeviceKind.Cpu, 0);

    /// <summary>Parses <c>auto|cpu|cuda[:n]</c> (case-insensitive); throws <see cref="FormatException"/> naming the value.</summary>
    public static DeviceSpec Parse(string text)
    {
        if (TryParse(text, out var spec))
        {
            return spec;
        }

        throw new FormatException($"'{text}' is not a device: use auto, cpu, cuda or cuda:N (N = 0, 1, ...).");
    }

    public static bool TryParse(string? text, out DeviceSpec spec)
    {
        spec = Auto;
        var t = text?.Trim().ToLowerInvariant();
        switch (t)
        {
            case null or "" or "auto":
                spec = Auto;
                return true;
            case "cpu":
                spec = Cpu;
                return true;
            case "cuda" or "gpu":
                spec = new DeviceSpec(DeviceKind.Cuda, 0);
                return true;
        }

        if (t.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(t.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            spec = new DeviceSpec(DeviceKind.Cuda, index);
            return true;
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        DeviceKind.Auto => "auto",
        DeviceKind.Cpu => "cpu",
        _ => $"cuda:{Index}",
    };
}
