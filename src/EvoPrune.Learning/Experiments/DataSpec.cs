using EvoPrune.Data.Catalog;
using EvoPrune.Data.Normalization;
using EvoPrune.Data.Synthetic;

namespace EvoPrune.Learning.Experiments;

/// <summary>Which data an experiment trains on, as configs write it; plain data so it travels inside run specs.</summary>
public sealed record DataSpec
{
    public string Dataset { get; init; } = "usps";

    /// <summary>Fraction of the training split held out for validation (fitness is measured there, never on test).</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>Stratified caps on split sizes (null: all).</summary>
    public int? MaxTrain { get; init; }

    public int? MaxValidation { get; init; }

    public int? MaxTest { get; init; }

    /// <summary>none, global (images), per-feature (tables) or auto.</summary>
    public NormalizationMode Normalization { get; init; } = NormalizationMode.Auto;

    /// <summary>Options of the synthetic "manifold" set, e.g. <c>d=4,D=64,classes=4</c>.</summary>
    public string? Manifold { get; init; }

    /// <summary>The catalog options for this spec, split and subsampled by <paramref name="seed"/>.</summary>
    public DatasetLoadOptions ToLoadOptions(ulong seed) => new()
    {
        Seed = seed,
        ValidationFraction = ValidationFraction,
        MaxTrainSamples = MaxTrain,
        MaxValidationSamples = MaxValidation,
        MaxTestSamples = MaxTest,
        Normalization = Normalization,
        Manifold = Manifold == null ? null : ManifoldOptions.Parse(Manifold),
    };
}
