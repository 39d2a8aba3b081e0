using SkiaSharp;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// Draws ensemble membership as a grid: one row per genome (best first), one column per pool classifier, a filled
/// cell where the classifier is in that genome's ensemble. Cells are <c>cell</c> pixels with one grey pixel between
/// them, so the picture is <c>columns·(cell+1)+1</c> × <c>rows·(cell+1)+1</c> pixels.
/// </summary>
public static class MembershipPicture
{
    public static readonly SKColor Member = new(20, 110, 60);
    public static readonly SKColor NotMember = SKColors.White;
    public static readonly SKColor Border = new(128, 128, 128);

    public static (int Width, int Height) Size(int rows, int columns, int cell) => ((columns * (cell + 1)) + 1, (rows * (cell + 1)) + 1);

    /// <summary>Renders <paramref name="membership"/> (one array per genome, all as long as the pool) to a PNG.</summary>
    public static void Save(IReadOnlyList<bool[]> membership, int cell, string path)
    {
        ArgumentNullException.ThrowIfNull(membership);
        if (membership.Count == 0 || membership.Any(m => m.Length != membership[0].Length) || membership[0].Length == 0)
        {
            throw new ArgumentException("Membership rows must be non-empty and all as long as the pool.", nameof(membership));
        }

        var columns = membership[0].Length;
        var (width, height) = Size(membership.Count, columns, cell);
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        bitmap.Erase(Border);
        for (var row = 0; row < membership.Count; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var color = membership[row][column] ? Member : NotMember;
                var left = 1 + (column * (cell + 1));
                var top = 1 + (row * (cell + 1));
                for (var y = 0; y < cell; y++)
                {
                    for (var x = 0; x < cell; x++)
                    {
                        bitmap.SetPixel(left + x, top + y, color);
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
