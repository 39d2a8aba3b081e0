namespace EvoPrune.Data.Tests.Support;

/// <summary>Small dense linear algebra for the manifold tests: covariance and symmetric eigenvalues (Jacobi).</summary>
internal static class Eigen
{
    /// <summary>The covariance matrix (n x n) of rows of length n.</summary>
    public static double[,] Covariance(IReadOnlyList<double[]> rows)
    {
        var n = rows[0].Length;
        var mean = new double[n];
        foreach (var row in rows)
        {
            for (var j = 0; j < n; j++)
            {
                mean[j] += row[j] / rows.Count;
            }
        }

        var cov = new double[n, n];
        foreach (var row in rows)
        {
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    cov[i, j] += (row[i] - mean[i]) * (row[j] - mean[j]) / rows.Count;
                }
            }
        }

        return cov;
    }

    /// <summary>Eigenvalues of a symmetric matrix, largest first (cyclic Jacobi rotations).</summary>
    public static double[] SymmetricEigenvalues(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    off += a[p, q] * a[p, q];
                }
            }

            if (off < 1e-22)
            {
                break;
            }

            for (var p = 0; p < n; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (Math.Abs(a[p, q]) < 1e-300)
                    {
                        continue;
                    }

                    var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var akp = a[k, p];
                        var akq = a[k, q];
                        a[k, p] = (c * akp) - (s * akq);
                        a[k, q] = (s * akp) + (c * akq);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var apk = a[p, k];
                        var aqk = a[q, k];
                        a[p, k] = (c * apk) - (s * aqk);
                        a[q, k] = (s * apk) + (c * aqk);
                    }
                }
            }
        }

        return Enumerable.Range(0, n).Select(i => a[i, i]).OrderByDescending(v => v).ToArray();
    }
}
