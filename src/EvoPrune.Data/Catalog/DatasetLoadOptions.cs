using EvoPrune.Data.Normalization;
using EvoPrune.Data.Synthetic;

namespace EvoPrune.Data.Catalog;

/// <summary>
/// How <see cref="DatasetCatalog.Load"/> turns files into <see cref="DatasetSplits"/>. Order of operations:
/// (1) sets without their own test file hold out <see cref="TestFraction"/> (stratified, keyed
/// RandomKey(DataSeed, -1, -1, "test-split")); (2) <see cref="ValidationFraction"/> of the training file becomes
/// the validation split (stratified, RandomKey(Seed, -1, -1, "split")); (3) each split is capped by stratified
/// subsampling (keys "subsample-train", "subsample-validation", "subsample-test"); (4) optional normalisation with
/// training statistics. So <c>Train.Count == min(MaxTrainSamples, remaining training rows)</c>.
/// </summary>
public sealed record DatasetLoadOptions
{
    /// <summary>Seed of the validation split and of subsampling.</summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Seed of what defines the problem itself: the test hold-out of sets without a test file, and the synthetic
    /// manifold. Null uses <see cref="Seed"/>; pin it to keep one test set across runs with different seeds.
    /// </summary>
    public ulong? DataSeed { get; init; }

    /// <summary>Share of the training rows moved to validation, in [0, 1). 0 gives an empty validation split.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Share held out as test for sets without a test file, in (0, 1).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Cap on training samples (stratified subsample), or null for all.</summary>
    public int? MaxTrainSamples { get; init; }

    /// <summary>Cap on validation samples, or null for all.</summary>
    public int? MaxValidationSamples { get; init; }

    /// <summary>Cap on test samples, or null for all.</summary>
    public int? MaxTestSamples { get; init; }

    /// <summary>Feature standardisation with training statistics; <see cref="NormalizationMode.None"/> keeps raw values.</summary>
    public NormalizationMode Normalization { get; init; } = NormalizationMode.None;

    /// <summary>Parameters of the "manifold" set (null = defaults); a name "manifold:d=..,D=.." overrides them.</summary>
    public ManifoldOptions? Manifold { get; init; }

    /// <summary>The seed for problem-defining draws.</summary>
    public ulong EffectiveDataSeed => DataSeed ?? Seed;

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new ArgumentException($"ValidationFraction {ValidationFraction} must be in [0, 1).");
        }

        if (!(TestFraction > 0 && TestFraction < 1))
        {
            throw new ArgumentException($"TestFraction {TestFraction} must be in (0, 1).");
        }

        if (MaxTrainSamples < 1 || MaxValidationSamples < 0 || MaxTestSamples < 1)
        {
            throw new ArgumentException("Sample caps must be positive (validation may be 0).");
        }
    }
}
