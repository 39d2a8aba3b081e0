using EvoPrune.Learning.Models;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// How concentrated each hidden unit's kept inputs are in input space (after Pellegrini and Biroli, "Sifting out the
/// features by pruning"): 1 − (mean distance of the kept pixels to their centroid) / (mean distance of all pixels to
/// the image centre). About 0 for a random mask, approaching 1 when every unit keeps a small blob; averaged over units
/// that keep at least two inputs.
/// </summary>
public static class MaskLocality
{
    public static double Score(bool[] mask, int units, InputShape input)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var (h, w) = (input.Height, input.Width);
        var inputs = input.Size;
        var (cy, cx) = ((h - 1) / 2.0, (w - 1) / 2.0);
        double reference = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                reference += Math.Sqrt(((y - cy) * (y - cy)) + ((x - cx) * (x - cx)));
            }
        }

        reference /= h * w;
        double total = 0;
        var counted = 0;
        for (var unit = 0; unit < units; unit++)
        {
            var kept = Enumerable.Range(0, inputs).Where(i => mask[(unit * inputs) + i]).Select(i => (Y: (double)(i / w), X: (double)(i % w))).ToArray();
            if (kept.Length < 2)
            {
                continue;
            }

            var (my, mx) = (kept.Average(p => p.Y), kept.Average(p => p.X));
            var spread = kept.Average(p => Math.Sqrt(((p.Y - my) * (p.Y - my)) + ((p.X - mx) * (p.X - mx))));
            total += 1 - (spread / reference);
            counted++;
        }

        return counted == 0 ? double.NaN : total / counted;
    }
}
