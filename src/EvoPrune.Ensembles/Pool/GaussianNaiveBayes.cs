using EvoPrune.Data;

namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// Gaussian naive Bayes written out by hand (ML.NET's naive Bayes wants binned features). Class priors are
/// Laplace-smoothed counts; each variance gets 1e-9 times the largest feature variance added (as scikit-learn does),
/// so constant features do not produce infinite densities. Deterministic: the seed is unused.
/// </summary>
public sealed class GaussianNaiveBayes : IBaseClassifier
{
    private double[] _logPrior = [];
    private double[] _mean = [];
    private double[] _variance = [];
    private int _classes;
    private int _features;

    /// <inheritdoc />
    public string Name => "gnb";

    /// <inheritdoc />
    public void Fit(LabeledData train, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        _classes = train.ClassCount;
        _features = train.FeatureCount;
        var counts = train.ClassCounts();
        _mean = new double[_classes * _features];
        _variance = new double[_classes * _features];
        for (var i = 0; i < train.Count; i++)
        {
            var row = train.Row(i);
            var offset = train.Labels[i] * _features;
            for (var j = 0; j < _features; j++)
            {
                _mean[offset + j] += row[j];
            }
        }

        for (var c = 0; c < _classes; c++)
        {
            for (var j = 0; j < _features; j++)
            {
                _mean[(c * _features) + j] /= Math.Max(1, counts[c]);
            }
        }

        var maxVariance = 0.0;
        for (var i = 0; i < train.Count; i++)
        {
            var row = train.Row(i);
            var offset = train.Labels[i] * _features;
            for (var j = 0; j < _features; j++)
            {
                var d = row[j] - _mean[offset + j];
                _variance[offset + j] += d * d;
            }
        }

        for (var k = 0; k < _variance.Length; k++)
        {
            _variance[k] /= Math.Max(1, counts[k / _features]);
            maxVariance = Math.Max(maxVariance, _variance[k]);
        }

        var epsilon = Math.Max(1e-9 * maxVariance, 1e-12);
        for (var k = 0; k < _variance.Length; k++)
        {
            _variance[k] += epsilon;
        }

        _logPrior = counts.Select(n => Math.Log((n + 1.0) / (train.Count + _classes))).ToArray();
    }

    /// <inheritdoc />
    public float[] PredictProbabilities(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var result = new float[data.Count * _classes];
        var logits = new double[_classes];
        for (var i = 0; i < data.Count; i++)
        {
            var row = data.Row(i);
            for (var c = 0; c < _classes; c++)
            {
                var sum = _logPrior[c];
                var offset = c * _features;
                for (var j = 0; j < _features; j++)
                {
                    var d = row[j] - _mean[offset + j];
                    sum -= 0.5 * ((d * d / _variance[offset + j]) + Math.Log(2 * Math.PI * _variance[offset + j]));
                }

                logits[c] = sum;
            }

            var max = logits.Max();
            var total = logits.Sum(l => Math.Exp(l - max));
            for (var c = 0; c < _classes; c++)
            {
                result[(i * _classes) + c] = (float)(Math.Exp(logits[c] - max) / total);
            }
        }

        return result;
    }
}
