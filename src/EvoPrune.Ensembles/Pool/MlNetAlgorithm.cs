namespace EvoPrune.Ensembles.Pool;

/// <summary>The ML.NET trainers an <see cref="MlNetClassifier"/> can wrap.</summary>
public enum MlNetAlgorithm
{
    /// <summary>Multinomial logistic regression fitted by L-BFGS.</summary>
    LogisticRegression,

    /// <summary>Multinomial logistic regression fitted by SDCA.</summary>
    SdcaMaximumEntropy,

    /// <summary>One-versus-all linear SVMs (Pegasos); margins go through softmax.</summary>
    LinearSvm,

    /// <summary>One-versus-all boosted trees (FastTree).</summary>
    FastTree,

    /// <summary>One-versus-all random forest (FastForest).</summary>
    FastForest,

    /// <summary>Multiclass LightGBM.</summary>
    LightGbm,
}
