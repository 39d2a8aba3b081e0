namespace EvoPrune.Cluster.Contracts;

/// <summary>
/// What evaluating one genome gave. A failed evaluation (exception, NaN loss) has <see cref="Failure"/> set and the
/// worst fitness, so the run goes on and the cause is kept.
/// </summary>
[GenerateSerializer, Immutable, Alias("evoprune.fitness-report")]
public sealed record FitnessReport(
    [property: Id(0)] string GenomeId,
    [property: Id(1)] double Fitness,
    [property: Id(2)] IReadOnlyDictionary<string, double> Scores,
    [property: Id(3)] string? Failure,
    [property: Id(4)] string Silo,
    [property: Id(5)] string Device,
    [property: Id(6)] double Seconds)
{
    /// <summary>The fitness every failed evaluation gets: below any real one.</summary>
    public const double WorstFitness = double.MinValue;

    public bool Failed => Failure != null;

    public static FitnessReport ForFailure(string genomeId, string cause, string silo, string device, double seconds) =>
        new(genomeId, WorstFitness, new Dictionary<string, double>(), cause, silo, device, seconds);
}
