namespace EvoPrune.Evolution.Fitness;

/// <summary>Whether larger or smaller primary fitness is better.</summary>
public enum FitnessDirection
{
    /// <summary>Larger primary fitness is better (the default).</summary>
    Maximize,

    /// <summary>Smaller primary fitness is better (losses, errors, costs).</summary>
    Minimize,
}
