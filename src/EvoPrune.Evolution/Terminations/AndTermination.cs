namespace EvoPrune.Evolution.Terminations;

/// <summary>Stops only when every one of its terminations holds.</summary>
public sealed class AndTermination : ITermination
{
    private readonly ITermination[] _terminations;

    /// <summary>Combines <paramref name="terminations"/> (at least one).</summary>
    public AndTermination(params ITermination[] terminations) => _terminations = TerminationList.Check(terminations);

    /// <summary>The combined terminations.</summary>
    public IReadOnlyList<ITermination> Terminations => _terminations;

    /// <inheritdoc />
    public bool HasReached(EvolutionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return _terminations.All(t => t.HasReached(status));
    }
}
