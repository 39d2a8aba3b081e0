using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Genomes;

/// <summary>Integer genomes drawn uniformly within their inclusive bounds, gene by gene.</summary>
public sealed class IntegerGenomeFactory : IGenomeFactory<IntegerGenome>
{
    /// <summary>Genomes bounded by, and drawn within, <paramref name="bounds"/>.</summary>
    public IntegerGenomeFactory(GeneBounds<int> bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        Bounds = bounds;
    }

    /// <summary>The bounds of the genomes made.</summary>
    public GeneBounds<int> Bounds { get; }

    /// <inheritdoc />
    public IntegerGenome Create(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var genes = new int[Bounds.Length];
        for (var i = 0; i < genes.Length; i++)
        {
            genes[i] = random.NextInclusive(Bounds.Lower[i], Bounds.Upper[i]);
        }

        return new IntegerGenome(genes, Bounds);
    }
}
