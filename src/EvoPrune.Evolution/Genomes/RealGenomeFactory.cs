using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Genomes;

/// <summary>Real genomes drawn uniformly within their bounds, gene by gene.</summary>
public sealed class RealGenomeFactory : IGenomeFactory<RealGenome>
{
    /// <summary>Genomes bounded by, and drawn within, <paramref name="bounds"/>.</summary>
    public RealGenomeFactory(GeneBounds<double> bounds)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        Bounds = bounds;
    }

    /// <summary>The bounds of the genomes made.</summary>
    public GeneBounds<double> Bounds { get; }

    /// <inheritdoc />
    public RealGenome Create(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var genes = new double[Bounds.Length];
        for (var i = 0; i < genes.Length; i++)
        {
            genes[i] = random.NextInRange(Bounds.Lower[i], Bounds.Upper[i]);
        }

        return new RealGenome(genes, Bounds);
    }
}
