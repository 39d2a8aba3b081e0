namespace EvoPrune.Evolution.Terminations;

/// <summary>
/// Stops once the run has spent <see cref="MaxElapsed"/>. Time is measured by the algorithm with its
/// <see cref="TimeProvider"/> (inject a fake one in tests) and accumulates across resumes; the check happens between
/// generations, so a run overshoots by at most one generation.
/// </summary>
public sealed class WallTimeTermination : ITermination
{
    /// <summary>Creates a termination after <paramref name="maxElapsed"/>.</summary>
    public WallTimeTermination(TimeSpan maxElapsed)
    {
        if (maxElapsed <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maxElapsed), maxElapsed, "The time limit must be positive.");
        }

        MaxElapsed = maxElapsed;
    }

    /// <summary>The time limit.</summary>
    public TimeSpan MaxElapsed { get; }

    /// <inheritdoc />
    public bool HasReached(EvolutionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Elapsed >= MaxElapsed;
    }
}
