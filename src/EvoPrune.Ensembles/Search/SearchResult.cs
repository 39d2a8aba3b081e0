namespace EvoPrune.Ensembles.Search;

/// <summary>The outcome of a search: the best vector ever evaluated and what it cost.</summary>
public sealed record SearchResult(string Algorithm, IReadOnlyList<bool> BestMask, double BestFitness, long Evaluations, int Generations);
