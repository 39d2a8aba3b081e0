using EvoPrune.Data;

namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// Brute-force k-nearest-neighbours under Euclidean distance on the (pool-standardised) features. Probabilities are
/// the neighbours' vote shares; distance ties are broken by training-row order, so results are deterministic.
/// </summary>
public sealed class KNearestNeighbors : IBaseClassifier
{
    private LabeledData? _train;

    /// <summary>Creates a k-NN classifier with <paramref name="k"/> neighbours.</summary>
    public KNearestNeighbors(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        K = k;
    }

    /// <summary>Neighbours that vote.</summary>
    public int K { get; }

    /// <inheritdoc />
    public string Name => $"knn{K}";

    /// <inheritdoc />
    public void Fit(LabeledData train, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        _train = train;
    }

    /// <inheritdoc />
    public float[] PredictProbabilities(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var train = _train ?? throw new InvalidOperationException("Fit must be called before predicting.");
        var classes = train.ClassCount;
        var k = Math.Min(K, train.Count);
        var result = new float[data.Count * classes];
        var distances = new double[train.Count];
        var order = new int[train.Count];
        for (var i = 0; i < data.Count; i++)
        {
            var query = data.Row(i);
            for (var t = 0; t < train.Count; t++)
            {
                var row = train.Row(t);
                var sum = 0.0;
                for (var j = 0; j < row.Length; j++)
                {
                    var d = query[j] - row[j];
                    sum += d * d;
                }

                distances[t] = sum;
                order[t] = t;
            }

            // A stable ordering by (distance, row index) keeps tie-breaking independent of the sort algorithm.
            Array.Sort(order, (a, b) => distances[a] != distances[b] ? distances[a].CompareTo(distances[b]) : a.CompareTo(b));
            for (var n = 0; n < k; n++)
            {
                result[(i * classes) + train.Labels[order[n]]] += 1f / k;
            }
        }

        return result;
    }
}
