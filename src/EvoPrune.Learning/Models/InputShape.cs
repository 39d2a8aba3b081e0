namespace EvoPrune.Learning.Models;

/// <summary>The shape of one input sample: channels x height x width (tables are 1 x 1 x features).</summary>
public readonly record struct InputShape(int Channels, int Height, int Width)
{
    public int Size => Channels * Height * Width;

    public static InputShape Flat(int features) => new(1, 1, features);

    /// <inheritdoc />
    public override string ToString() => $"{Channels}x{Height}x{Width}";
}
