using EvoPrune.Data.Normalization;

namespace EvoPrune.Data;

/// <summary>
/// The three splits of one dataset. <see cref="Validation"/> is carved out of the training file (it may be
/// empty when no validation fraction was asked for); <see cref="Test"/> is the dataset's own test file, or a
/// seeded stratified hold-out for sets that have none. All three share features, classes and shape.
/// </summary>
public sealed record DatasetSplits
{
    /// <summary>Creates the splits; throws if they disagree on feature count or classes.</summary>
    public DatasetSplits(LabeledData train, LabeledData validation, LabeledData test, NormalizationStats? normalization = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        foreach (var other in new[] { validation, test })
        {
            if (other.FeatureCount != train.FeatureCount || other.ClassCount != train.ClassCount)
            {
                throw new ArgumentException(
                    $"Split {other.Name} has {other.FeatureCount} features / {other.ClassCount} classes, train has {train.FeatureCount} / {train.ClassCount}.");
            }
        }

        Train = train;
        Validation = validation;
        Test = test;
        Normalization = normalization;
    }

    /// <summary>The samples to fit on.</summary>
    public LabeledData Train { get; init; }

    /// <summary>Held out from the training file for model selection (fitness); may have no samples.</summary>
    public LabeledData Validation { get; init; }

    /// <summary>The final evaluation set.</summary>
    public LabeledData Test { get; init; }

    /// <summary>The statistics the splits were normalised with (computed on <see cref="Train"/>), or null if raw.</summary>
    public NormalizationStats? Normalization { get; init; }

    /// <summary>Features per sample.</summary>
    public int FeatureCount => Train.FeatureCount;

    /// <summary>Number of classes.</summary>
    public int ClassCount => Train.ClassCount;

    /// <summary>
    /// Normalises all three splits with statistics computed on <see cref="Train"/> only.
    /// Returns this instance when <paramref name="mode"/> is <see cref="NormalizationMode.None"/>.
    /// </summary>
    public DatasetSplits Normalize(NormalizationMode mode)
    {
        if (mode == NormalizationMode.None)
        {
            return this;
        }

        var stats = NormalizationStats.Compute(Train, mode);
        return new DatasetSplits(stats.Apply(Train), stats.Apply(Validation), stats.Apply(Test), stats);
    }
}
