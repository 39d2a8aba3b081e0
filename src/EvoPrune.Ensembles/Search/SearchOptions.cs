namespace EvoPrune.Ensembles.Search;

/// <summary>
/// Budget and parameters shared by the searches. Every algorithm evaluates <see cref="PopulationSize"/> vectors per
/// generation for <see cref="Generations"/> generations, so budgets are equal by construction.
/// </summary>
public sealed record SearchOptions
{
    public const int DefaultPopulationSize = 20;
    public const int DefaultGenerations = 20;
    public const double DefaultTruncation = 0.5;
    public const double DefaultPbilLearningRate = 0.1;

    /// <summary>N, vectors per generation.</summary>
    public int PopulationSize { get; init; } = DefaultPopulationSize;

    /// <summary>G, generations.</summary>
    public int Generations { get; init; } = DefaultGenerations;

    /// <summary>UMDA: share T of each generation that the new probabilities are estimated from.</summary>
    public double Truncation { get; init; } = DefaultTruncation;

    /// <summary>PBIL: α in p ← (1−α)p + α·best.</summary>
    public double PbilLearningRate { get; init; } = DefaultPbilLearningRate;

    /// <summary>GA: contestants per tournament.</summary>
    public int TournamentSize { get; init; } = 2;

    /// <summary>GA: chance a pair of parents is recombined (uniform crossover) rather than copied.</summary>
    public double CrossoverRate { get; init; } = 0.9;

    /// <summary>GA: per-bit flip probability; null means 1/M.</summary>
    public double? MutationRate { get; init; }

    /// <summary>GA: best vectors copied unchanged into the next generation.</summary>
    public int Elites { get; init; } = 1;

    public SearchInitialization Initialization { get; init; } = SearchInitialization.Uniform;

    /// <summary>k for <see cref="SearchInitialization.SeededTopK"/>.</summary>
    public int SeedTopK { get; init; } = 3;

    /// <summary>UMDA: stop early once every probability sits on a clamp bound.</summary>
    public bool StopWhenConverged { get; init; }

    /// <summary>Total vectors evaluated by a full run.</summary>
    public long Budget => (long)PopulationSize * Generations;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (PopulationSize < 2 || Generations < 1)
        {
            throw new ArgumentException($"Need at least 2 vectors per generation and 1 generation (got {PopulationSize}, {Generations}).");
        }

        if (Truncation is <= 0 or > 1 || PbilLearningRate is <= 0 or > 1 || CrossoverRate is < 0 or > 1 || MutationRate is < 0 or > 1)
        {
            throw new ArgumentException("Truncation and PBIL rate must be in (0, 1]; crossover and mutation rates in [0, 1].");
        }

        if (TournamentSize < 1 || TournamentSize > PopulationSize || Elites < 0 || Elites >= PopulationSize || SeedTopK < 1)
        {
            throw new ArgumentException("Tournament size must be in [1, N], elites in [0, N), top-k at least 1.");
        }
    }
}
