namespace EvoPrune.Evolution.Neat;

/// <summary>
/// Purposes of the keyed streams NEAT draws from. Generation g uses (seed, g, index, purpose): index is the genome
/// for initialisation and breeding (child position in generation g) and the species id for representatives.
/// </summary>
public static class NeatRandomPurposes
{
    /// <summary>Weights of start genome i (generation 0).</summary>
    public const string Initialization = "neat-init";

    /// <summary>Parent choice, crossover and mutation of child i of generation g.</summary>
    public const string Breeding = "neat-breed";

    /// <summary>Choosing species s's representative after speciating generation g.</summary>
    public const string Representative = "neat-representative";
}
