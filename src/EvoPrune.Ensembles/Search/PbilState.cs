namespace EvoPrune.Ensembles.Search;

/// <summary>PBIL's model: one inclusion probability per pool member, in [0, 1].</summary>
public sealed record PbilState : SearchState
{
    public required IReadOnlyList<double> Probabilities { get; init; }
}
