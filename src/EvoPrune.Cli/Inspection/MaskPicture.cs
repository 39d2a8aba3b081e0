using EvoPrune.Learning.Models;
using SkiaSharp;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// Draws a first-layer keep mask in input space: one tile per hidden unit, each tile the unit's incoming weights laid
/// out as the input image (kept = white, pruned = black), tiles in a grid separated by one grey pixel. The picture is
/// <c>cols·(w·scale + 1) + 1</c> pixels wide and <c>rows·(h·scale + 1) + 1</c> high, with <c>cols = ⌈√units⌉</c>.
/// </summary>
public static class MaskPicture
{
    public static readonly SKColor Kept = SKColors.White;
    public static readonly SKColor Pruned = SKColors.Black;
    public static readonly SKColor Border = new(128, 128, 128);

    /// <summary>Grid columns and rows for <paramref name="units"/> tiles.</summary>
    public static (int Columns, int Rows) Grid(int units)
    {
        var columns = (int)Math.Ceiling(Math.Sqrt(units));
        return (columns, (units + columns - 1) / columns);
    }

    /// <summary>The picture's size for a layer of <paramref name="units"/> units over inputs shaped <paramref name="input"/>.</summary>
    public static (int Width, int Height) Size(int units, InputShape input, int scale)
    {
        var (columns, rows) = Grid(units);
        return ((columns * ((input.Width * scale) + 1)) + 1, (rows * ((input.Height * scale) + 1)) + 1);
    }

    /// <summary>Renders <paramref name="mask"/> (row-major [units, inputs]) and writes a PNG to <paramref name="path"/>.</summary>
    public static void Save(bool[] mask, int units, InputShape input, int scale, string path)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var inputs = input.Size;
        if (mask.Length != units * inputs || input.Channels != 1)
        {
            throw new ArgumentException($"A {units}x{inputs} mask over single-channel {input} inputs was expected; got {mask.Length} entries.");
        }

        var (width, height) = Size(units, input, scale);
        var (columns, _) = Grid(units);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(Border);
        for (var unit = 0; unit < units; unit++)
        {
            var left = 1 + ((unit % columns) * ((input.Width * scale) + 1));
            var top = 1 + ((unit / columns) * ((input.Height * scale) + 1));
            for (var y = 0; y < input.Height; y++)
            {
                for (var x = 0; x < input.Width; x++)
                {
                    var color = mask[(unit * inputs) + (y * input.Width) + x] ? Kept : Pruned;
                    for (var dy = 0; dy < scale; dy++)
                    {
                        for (var dx = 0; dx < scale; dx++)
                        {
                            bitmap.SetPixel(left + (x * scale) + dx, top + (y * scale) + dy, color);
                        }
                    }
                }
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
