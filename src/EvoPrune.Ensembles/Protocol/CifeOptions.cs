using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Search;

namespace EvoPrune.Ensembles.Protocol;

/// <summary>
/// One CIF-E experiment: for each dataset, <see cref="Repeats"/> x stratified <see cref="Folds"/>-fold CV. In each
/// fold the pool is trained on the inner-train part of the training folds, <see cref="SelectionFraction"/> of them
/// (stratified) is the selection split the searches optimise on, and the held-out fold scores everything.
/// </summary>
public sealed record CifeOptions
{
    /// <summary>The eight small UCI sets the README table uses.</summary>
    public static IReadOnlyList<string> DefaultDatasets { get; } =
        ["iris", "wine", "breast_cancer_wdbc", "ionosphere", "sonar", "pima_diabetes", "glass", "statlog_vehicle"];

    public IReadOnlyList<string> Datasets { get; init; } = DefaultDatasets;

    public int Folds { get; init; } = 5;

    public int Repeats { get; init; } = 1;

    /// <summary>Share of the training folds held out as the selection (validation) split.</summary>
    public double SelectionFraction { get; init; } = 0.25;

    public PoolSpec Pool { get; init; } = new();

    /// <summary>Budget and parameters of every search (equal budgets: N x G evaluations each).</summary>
    public SearchOptions Search { get; init; } = new();

    public FitnessOptions Fitness { get; init; } = new();

    /// <summary>Search names (see <see cref="SubsetSearches"/>); baselines "single-best" and "full-pool" always run.</summary>
    public IReadOnlyList<string> Searches { get; init; } = SubsetSearches.Names;

    public ulong Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Datasets.Count == 0 || Folds < 2 || Repeats < 1 || SelectionFraction is <= 0 or >= 1)
        {
            throw new ArgumentException("Need datasets, at least 2 folds, 1 repeat and a selection fraction in (0, 1).");
        }

        Pool.Validate();
        Search.Validate();
        foreach (var name in Searches)
        {
            _ = SubsetSearches.Create(name, Search);
        }
    }
}
