using System.Globalization;
using System.Text.Json.Serialization;
using EvoPrune.Evolution.Genomes.Serialization;

namespace EvoPrune.Evolution.Genomes;

/// <summary>Real-valued genes (hyper-parameters, continuous test functions), finite and optionally bounded.</summary>
[JsonConverter(typeof(RealGenomeJsonConverter))]
public sealed class RealGenome : NumericGenome<RealGenome, double>
{
    /// <summary>Creates a genome with a copy of <paramref name="genes"/>.</summary>
    /// <exception cref="ArgumentException">No genes, a gene is not finite, or a gene lies outside <paramref name="bounds"/>.</exception>
    public RealGenome(ReadOnlySpan<double> genes, GeneBounds<double>? bounds = null, long id = 0)
        : base(genes.ToArray(), bounds, id, validate: true)
    {
    }

    private RealGenome(double[] genes, GeneBounds<double>? bounds, long id, bool validate)
        : base(genes, bounds, id, validate)
    {
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"RealGenome #{Id}: [{string.Join(", ", Genes.ToArray().Take(8).Select(g => g.ToString("G6", CultureInfo.InvariantCulture)))}{(Length > 8 ? ", ..." : string.Empty)}]");

    /// <inheritdoc />
    private protected override RealGenome Create(double[] genes, long id, bool validate) => new(genes, Bounds, id, validate);
}
