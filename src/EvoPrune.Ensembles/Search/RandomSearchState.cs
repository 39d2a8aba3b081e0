namespace EvoPrune.Ensembles.Search;

/// <summary>Random search keeps nothing beyond the best vector seen (in <see cref="SearchState"/>).</summary>
public sealed record RandomSearchState : SearchState;
