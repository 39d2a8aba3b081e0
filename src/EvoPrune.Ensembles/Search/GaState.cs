namespace EvoPrune.Ensembles.Search;

/// <summary>
/// The GA's last evaluated generation (empty before generation 0 is evaluated) and the inclusion probabilities used to
/// sample generation 0.
/// </summary>
public sealed record GaState : SearchState
{
    public required IReadOnlyList<double> InitialProbabilities { get; init; }

    public IReadOnlyList<IReadOnlyList<bool>> Population { get; init; } = [];

    public IReadOnlyList<double> PopulationFitness { get; init; } = [];
}
