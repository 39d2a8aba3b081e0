namespace EvoPrune.Evolution.Neat;

/// <summary>
/// A connection gene: a weighted link from node <paramref name="Source"/> to node <paramref name="Target"/>,
/// tagged with the historical marking crossover aligns on. A disabled gene is inherited but not expressed.
/// </summary>
/// <param name="Innovation">The historical marking (global innovation number).</param>
/// <param name="Source">Id of the node the link reads from.</param>
/// <param name="Target">Id of the node the link feeds.</param>
/// <param name="Weight">The link weight.</param>
/// <param name="Enabled">Whether the link is expressed in the phenotype.</param>
public readonly record struct ConnectionGene(long Innovation, int Source, int Target, double Weight, bool Enabled)
{
    /// <summary>This gene with another weight.</summary>
    public ConnectionGene WithWeight(double weight) => this with { Weight = weight };

    /// <summary>This gene switched on or off.</summary>
    public ConnectionGene WithEnabled(bool enabled) => this with { Enabled = enabled };
}
