namespace EvoPrune.Ensembles.Search;

/// <summary>
/// A search over selection vectors seen without its state type, for callers that only want whole runs.
/// The evaluate callback receives one generation's vectors and returns their fitness (larger is better).
/// </summary>
public interface ISubsetSearch
{
    /// <summary>"umda", "pbil", "ga" or "random".</summary>
    string Name { get; }

    SearchOptions Options { get; }

    /// <summary>Runs from scratch to the end of the budget and returns the best vector ever evaluated.</summary>
    SearchResult Run(int length, Func<IReadOnlyList<bool[]>, IReadOnlyList<double>> evaluate, ulong seed, IReadOnlyList<double>? memberAccuracies = null);
}
