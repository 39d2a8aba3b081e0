namespace EvoPrune.Ensembles.Search;

/// <summary>
/// What every search carries between generations: enough to resume exactly (all randomness is keyed by
/// (<see cref="Seed"/>, <see cref="Generation"/>, index, purpose), so no RNG state is stored). Plain data, so
/// System.Text.Json round-trips it; derived records add the algorithm's model (probabilities or a population).
/// </summary>
public abstract record SearchState
{
    /// <summary>The run seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The generation the next <c>Propose</c> call produces (0 before any evaluation).</summary>
    public required int Generation { get; init; }

    /// <summary>M, the selection vector length.</summary>
    public required int Length { get; init; }

    /// <summary>Vectors placed first in generation 0's proposals (the seeded top-k initialisation), else empty.</summary>
    public IReadOnlyList<IReadOnlyList<bool>> Injected { get; init; } = [];

    /// <summary>The best vector evaluated so far (first found wins ties), or null before any evaluation.</summary>
    public IReadOnlyList<bool>? BestMask { get; init; }

    /// <summary>Fitness of <see cref="BestMask"/>, or null before any evaluation.</summary>
    public double? BestFitness { get; init; }

    /// <summary>Vectors evaluated so far.</summary>
    public long Evaluations { get; init; }
}
