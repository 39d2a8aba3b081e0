namespace EvoPrune.Data.Normalization;

/// <summary>
/// Means and standard deviations for standardising features: <c>x' = (x - mean) / std</c>. Computed once on
/// the training split and applied unchanged to validation and test (no leakage). Features whose standard
/// deviation is (near) zero are only centred, never divided, so no NaN or infinity can appear.
/// </summary>
public sealed class NormalizationStats
{
    private const double MinStd = 1e-8;
    private readonly float[] _mean;
    private readonly float[] _std;

    private NormalizationStats(NormalizationMode mode, float[] mean, float[] std)
    {
        Mode = mode;
        _mean = mean;
        _std = std;
    }

    /// <summary>Either <see cref="NormalizationMode.PerFeature"/> or <see cref="NormalizationMode.Global"/>.</summary>
    public NormalizationMode Mode { get; }

    /// <summary>The means: one per feature, or a single value for <see cref="NormalizationMode.Global"/>.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>The divisors (1 where a feature is constant): one per feature, or a single value.</summary>
    public IReadOnlyList<float> Std => _std;

    /// <summary>Computes statistics on <paramref name="train"/> (<see cref="NormalizationMode.Auto"/> is resolved by its shape).</summary>
    public static NormalizationStats Compute(LabeledData train, NormalizationMode mode)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (mode == NormalizationMode.Auto)
        {
            mode = train.Shape is null ? NormalizationMode.PerFeature : NormalizationMode.Global;
        }

        if (mode == NormalizationMode.None)
        {
            throw new ArgumentException("Mode None has no statistics.", nameof(mode));
        }

        var width = mode == NormalizationMode.Global ? 1 : train.FeatureCount;
        var sum = new double[width];
        var sumSquares = new double[width];
        var features = train.Features;
        for (var i = 0; i < features.Length; i++)
        {
            var k = width == 1 ? 0 : i % width;
            sum[k] += features[i];
        }

        var perColumn = width == 1 ? (double)features.Length : train.Count;
        var mean = new double[width];
        for (var k = 0; k < width; k++)
        {
            mean[k] = perColumn > 0 ? sum[k] / perColumn : 0;
        }

        // Second pass around the mean: numerically safer than E[x^2] - E[x]^2.
        for (var i = 0; i < features.Length; i++)
        {
            var k = width == 1 ? 0 : i % width;
            var delta = features[i] - mean[k];
            sumSquares[k] += delta * delta;
        }

        var meanOut = new float[width];
        var stdOut = new float[width];
        for (var k = 0; k < width; k++)
        {
            var std = perColumn > 0 ? Math.Sqrt(sumSquares[k] / perColumn) : 0;
            meanOut[k] = (float)mean[k];
            stdOut[k] = std < MinStd ? 1f : (float)std;
        }

        return new NormalizationStats(mode, meanOut, stdOut);
    }

    /// <summary>A normalised copy of <paramref name="data"/>; throws if its feature count does not match.</summary>
    public LabeledData Apply(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var copy = (float[])data.Features.Clone();
        ApplyInPlace(copy, data.FeatureCount);
        return data.WithFeatures(copy);
    }

    /// <summary>Normalises rows of <paramref name="featureCount"/> values in place (e.g. one sample at inference).</summary>
    public void ApplyInPlace(Span<float> rows, int featureCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (_mean.Length != 1 && _mean.Length != featureCount)
        {
            throw new ArgumentException($"Statistics are for {_mean.Length} features, data has {featureCount}.", nameof(featureCount));
        }

        if (rows.Length % featureCount != 0)
        {
            throw new ArgumentException($"{rows.Length} values are not whole rows of {featureCount}.", nameof(rows));
        }

        var width = _mean.Length;
        for (var i = 0; i < rows.Length; i++)
        {
            var k = width == 1 ? 0 : i % width;
            rows[i] = (rows[i] - _mean[k]) / _std[k];
        }
    }
}
