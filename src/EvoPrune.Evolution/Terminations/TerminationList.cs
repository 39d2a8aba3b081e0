namespace EvoPrune.Evolution.Terminations;

/// <summary>Checks the parts of a combined termination.</summary>
internal static class TerminationList
{
    public static ITermination[] Check(ITermination[] terminations)
    {
        ArgumentNullException.ThrowIfNull(terminations);
        if (terminations.Length == 0 || terminations.Any(t => t is null))
        {
            throw new ArgumentException("A combined termination needs at least one termination and no null entries.", nameof(terminations));
        }

        return [.. terminations];
    }
}
