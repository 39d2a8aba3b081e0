using System.Globalization;
using System.Text.Json.Serialization;
using EvoPrune.Evolution.Genomes.Serialization;

namespace EvoPrune.Evolution.Genomes;

/// <summary>Integer genes (layer widths, choices among options), optionally bounded.</summary>
[JsonConverter(typeof(IntegerGenomeJsonConverter))]
public sealed class IntegerGenome : NumericGenome<IntegerGenome, int>
{
    /// <summary>Creates a genome with a copy of <paramref name="genes"/>.</summary>
    /// <exception cref="ArgumentException">No genes, or a gene lies outside <paramref name="bounds"/>.</exception>
    public IntegerGenome(ReadOnlySpan<int> genes, GeneBounds<int>? bounds = null, long id = 0)
        : base(genes.ToArray(), bounds, id, validate: true)
    {
    }

    private IntegerGenome(int[] genes, GeneBounds<int>? bounds, long id, bool validate)
        : base(genes, bounds, id, validate)
    {
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"IntegerGenome #{Id}: [{string.Join(", ", Genes.ToArray().Take(8))}{(Length > 8 ? ", ..." : string.Empty)}]");

    /// <inheritdoc />
    private protected override IntegerGenome Create(int[] genes, long id, bool validate) => new(genes, Bounds, id, validate);
}
