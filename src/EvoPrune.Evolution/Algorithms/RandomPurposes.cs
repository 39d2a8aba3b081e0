namespace EvoPrune.Evolution.Algorithms;

/// <summary>
/// The purposes of the streams the genetic algorithm draws from. Generation g uses the keys
/// (seed, g, index, purpose): index is the genome for initialisation and mutation, the mating for crossover, and
/// -1 for the one selection stream of a generation.
/// </summary>
public static class RandomPurposes
{
    /// <summary>Creating initial genome i (generation 0).</summary>
    public const string Initialization = "ga-init";

    /// <summary>Selecting all parents of a generation (genome index -1).</summary>
    public const string Selection = "ga-selection";

    /// <summary>Deciding on and performing mating m's crossover.</summary>
    public const string Crossover = "ga-crossover";

    /// <summary>Deciding on and performing child c's mutation.</summary>
    public const string Mutation = "ga-mutation";
}
