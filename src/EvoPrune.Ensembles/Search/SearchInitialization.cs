namespace EvoPrune.Ensembles.Search;

/// <summary>How the first generation is drawn (the CIF-E "I" step).</summary>
public enum SearchInitialization
{
    /// <summary>Every member is included with probability 0.5.</summary>
    Uniform,

    /// <summary>
    /// Inclusion probability grows linearly with the member's selection accuracy: the worst gets 0.2, the best 0.8
    /// (0.5 for all when accuracies are equal or unknown).
    /// </summary>
    AccuracyBiased,

    /// <summary>
    /// Probabilities 0.5, and generation 0 starts with the top-k single members and the union of those k
    /// (k = <see cref="SearchOptions.SeedTopK"/>), then random vectors.
    /// </summary>
    SeededTopK,
}
