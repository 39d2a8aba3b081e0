using EvoPrune.Data;

namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// One member of a classifier pool. Implementations are deterministic for a given seed and training set, and expect
/// features already standardised by the pool. After <see cref="Fit"/>, <see cref="PredictProbabilities"/> returns a
/// row-major N x K array whose rows are non-negative and sum to 1 (K = the training set's class count).
/// </summary>
public interface IBaseClassifier
{
    /// <summary>A display name unique within a pool, e.g. "knn5" or "lightgbm#b2" for a bootstrap replica.</summary>
    string Name { get; }

    /// <summary>Trains on <paramref name="train"/>; <paramref name="seed"/> drives every random choice.</summary>
    void Fit(LabeledData train, ulong seed);

    /// <summary>Class probabilities for every sample of <paramref name="data"/>, row-major N x K.</summary>
    float[] PredictProbabilities(LabeledData data);
}
