namespace EvoPrune.Evolution.Terminations;

/// <summary>Decides, after each generation, whether the run is over. Implementations should be stateless.</summary>
public interface ITermination
{
    /// <summary>Whether the run should stop now.</summary>
    bool HasReached(EvolutionStatus status);
}
