namespace EvoPrune.Ensembles.Pool;

/// <summary>Helpers that turn raw scores into probability rows and probability rows into labels.</summary>
public static class Probabilities
{
    /// <summary>
    /// Makes each row of <paramref name="scores"/> (N x <paramref name="classCount"/>) a distribution in place: rows
    /// that are already non-negative are divided by their sum, rows with a negative entry (margins) go through softmax.
    /// A row that sums to zero becomes uniform.
    /// </summary>
    public static void NormalizeRows(Span<float> scores, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        for (var start = 0; start + classCount <= scores.Length; start += classCount)
        {
            var row = scores.Slice(start, classCount);
            var hasNegative = false;
            foreach (var v in row)
            {
                hasNegative |= v < 0 || !float.IsFinite(v);
            }

            if (hasNegative)
            {
                Softmax(row);
                continue;
            }

            var sum = 0f;
            foreach (var v in row)
            {
                sum += v;
            }

            for (var k = 0; k < classCount; k++)
            {
                row[k] = sum > 0 ? row[k] / sum : 1f / classCount;
            }
        }
    }

    /// <summary>Index of the largest value in each row; ties go to the lowest class index.</summary>
    public static int[] ArgMax(ReadOnlySpan<float> probabilities, int classCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        var labels = new int[probabilities.Length / classCount];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = ArgMaxRow(probabilities.Slice(i * classCount, classCount));
        }

        return labels;
    }

    /// <summary>Index of the largest value; ties go to the lowest index.</summary>
    public static int ArgMaxRow(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var k = 1; k < row.Length; k++)
        {
            if (row[k] > row[best])
            {
                best = k;
            }
        }

        return best;
    }

    private static void Softmax(Span<float> row)
    {
        var max = float.NegativeInfinity;
        foreach (var v in row)
        {
            if (float.IsFinite(v) && v > max)
            {
                max = v;
            }
        }

        var sum = 0.0;
        for (var k = 0; k < row.Length; k++)
        {
            var e = float.IsFinite(row[k]) ? Math.Exp(row[k] - max) : (float.IsPositiveInfinity(row[k]) ? 1.0 : 0.0);
            row[k] = (float)e;
            sum += e;
        }

        for (var k = 0; k < row.Length; k++)
        {
            row[k] = sum > 0 ? (float)(row[k] / sum) : 1f / row.Length;
        }
    }
}
