namespace EvoPrune.Evolution.Genomes;

/// <summary>A genome that can copy itself under another identity and compare genes with its own kind.</summary>
/// <typeparam name="TSelf">The implementing genome type.</typeparam>
public interface IGenome<TSelf> : IGenome
    where TSelf : class, IGenome<TSelf>
{
    /// <summary>
    /// A copy with the same genes and the identity <paramref name="id"/>. Genes are immutable, so the copy
    /// shares them and costs O(1).
    /// </summary>
    TSelf Clone(long id);

    /// <summary>Whether <paramref name="other"/> has the same shape and genes as this genome, whatever the ids.</summary>
    bool HasSameGenes(TSelf other);
}
