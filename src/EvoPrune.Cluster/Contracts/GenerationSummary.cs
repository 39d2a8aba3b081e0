namespace EvoPrune.Cluster.Contracts;

/// <summary>One line of a run's history: the population after generation <see cref="Generation"/>.</summary>
[GenerateSerializer, Immutable, Alias("evoprune.generation-summary")]
public sealed record GenerationSummary(
    [property: Id(0)] int Generation,
    [property: Id(1)] string Population,
    [property: Id(2)] double BestFitness,
    [property: Id(3)] double MeanFitness,
    [property: Id(4)] string BestGenomeId,
    [property: Id(5)] string BestSummary,
    [property: Id(6)] int Evaluations,
    [property: Id(7)] int Failures,
    [property: Id(8)] IReadOnlyDictionary<string, int> EvaluationsBySilo)
{
    /// <summary>Lowest fitness among the members that did not fail (NaN if all failed).</summary>
    [Id(9)]
    public double WorstFitness { get; init; } = double.NaN;

    /// <summary>The auxiliary scores of the best genome (sparsity, kept weights, ...).</summary>
    [Id(10)]
    public IReadOnlyDictionary<string, double> BestScores { get; init; } = new Dictionary<string, double>();

    /// <summary>Genomes of this generation whose evaluation reported the score <c>solved</c> ≥ 1 (tasks with a success test).</summary>
    [Id(11)]
    public int Solved { get; init; }

    /// <summary>
    /// The genome that solved this generation: the fittest of those that passed the success test, the first proposed
    /// among equals (<see cref="Kinds.SuccessTest.Solver"/>); null when none passed.
    /// </summary>
    [Id(12)]
    public string? SolvedBy { get; init; }

    /// <summary>The fitness of <see cref="SolvedBy"/> (NaN when none passed).</summary>
    [Id(13)]
    public double SolvedFitness { get; init; } = double.NaN;

    /// <summary>The genome kind's one-line description of <see cref="SolvedBy"/> (null when none passed).</summary>
    [Id(14)]
    public string? SolvedSummary { get; init; }
}
