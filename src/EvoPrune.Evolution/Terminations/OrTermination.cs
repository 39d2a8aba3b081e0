namespace EvoPrune.Evolution.Terminations;

/// <summary>Stops as soon as any one of its terminations holds.</summary>
public sealed class OrTermination : ITermination
{
    private readonly ITermination[] _terminations;

    /// <summary>Combines <paramref name="terminations"/> (at least one).</summary>
    public OrTermination(params ITermination[] terminations) => _terminations = TerminationList.Check(terminations);

    /// <summary>The combined terminations.</summary>
    public IReadOnlyList<ITermination> Terminations => _terminations;

    /// <inheritdoc />
    public bool HasReached(EvolutionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return _terminations.Any(t => t.HasReached(status));
    }
}
