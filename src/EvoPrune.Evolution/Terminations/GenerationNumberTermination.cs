namespace EvoPrune.Evolution.Terminations;

/// <summary>
/// Stops once <see cref="MaxGenerations"/> rounds of breeding are done, i.e. at generation number
/// <see cref="MaxGenerations"/>; 0 stops right after the initial population is evaluated.
/// </summary>
public sealed class GenerationNumberTermination : ITermination
{
    /// <summary>Creates a termination at generation <paramref name="maxGenerations"/>.</summary>
    public GenerationNumberTermination(long maxGenerations)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxGenerations);
        MaxGenerations = maxGenerations;
    }

    /// <summary>The last generation number.</summary>
    public long MaxGenerations { get; }

    /// <inheritdoc />
    public bool HasReached(EvolutionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Generation >= MaxGenerations;
    }
}
