namespace EvoPrune.Ensembles.Search;

/// <summary>UMDA's model: one inclusion probability per pool member, kept inside [1/M, 1 - 1/M].</summary>
public sealed record UmdaState : SearchState
{
    public required IReadOnlyList<double> Probabilities { get; init; }
}
