namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>Outcome of repeated NEAT runs on one task, in the paper's terms (§4.2).</summary>
/// <param name="Runs">Runs made.</param>
/// <param name="Successes">Runs that found a solution within the generation limit.</param>
/// <param name="MeanGenerations">Mean generations to solve (successful runs; generation 0 counts as one).</param>
/// <param name="MeanEvaluations">Mean networks evaluated to solve (successful runs).</param>
/// <param name="StdEvaluations">Standard deviation of the evaluations (successful runs).</param>
/// <param name="WorstEvaluations">Most evaluations any successful run needed.</param>
/// <param name="MeanHiddenNodes">Mean hidden nodes of the solutions.</param>
/// <param name="StdHiddenNodes">Standard deviation of hidden nodes of the solutions.</param>
/// <param name="MeanEnabledConnections">Mean expressed connections of the solutions.</param>
/// <param name="ElapsedSeconds">Wall-clock time of all runs.</param>
public sealed record NeatBenchmarkResult(
    int Runs,
    int Successes,
    double MeanGenerations,
    double MeanEvaluations,
    double StdEvaluations,
    long WorstEvaluations,
    double MeanHiddenNodes,
    double StdHiddenNodes,
    double MeanEnabledConnections,
    double ElapsedSeconds)
{
    /// <summary>Fraction of runs that succeeded.</summary>
    public double SuccessRate => Runs == 0 ? 0.0 : (double)Successes / Runs;

    /// <summary>Networks evaluated by all runs, failed ones included.</summary>
    public long TotalEvaluations { get; init; }

    /// <summary>Networks evaluated per second of wall-clock time over all runs (breeding and speciation included).</summary>
    public double EvaluationsPerSecond => ElapsedSeconds > 0 ? TotalEvaluations / ElapsedSeconds : 0.0;

    /// <summary>The solving genome of each successful run, in run order (for task-specific checks such as generalisation).</summary>
    public IReadOnlyList<NeatGenome> Solutions { get; init; } = [];

    /// <summary>Each run's result (generations, champion and its fitness), in run order: run r had seed first seed + r.</summary>
    public IReadOnlyList<NeatRunResult> Results { get; init; } = [];
}
