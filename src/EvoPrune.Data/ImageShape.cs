namespace EvoPrune.Data;

/// <summary>
/// The layout of one image sample inside a feature row: <see cref="Channels"/> planes of
/// <see cref="Height"/> x <see cref="Width"/> values, channel-major then row-major (CHW), so a row of
/// <see cref="LabeledData.Features"/> reshapes directly to a (C, H, W) tensor.
/// </summary>
/// <param name="Channels">Number of colour planes (1 for greyscale).</param>
/// <param name="Height">Rows per plane.</param>
/// <param name="Width">Columns per plane.</param>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    /// <summary>Values per sample: channels x height x width.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>A single-channel image of the given size.</summary>
    public static ImageShape Grey(int height, int width) => new(1, height, width);

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
