using System.Text.Json;

namespace EvoPrune.Evolution.Genomes.Serialization;

/// <summary>JSON for <see cref="RealGenome"/>; doubles are written round-trippable, so a resumed run sees the same genes.</summary>
internal sealed class RealGenomeJsonConverter : NumericGenomeJsonConverter<RealGenome, double>
{
    protected override double ReadValue(Utf8JsonReader reader) => reader.GetDouble();

    protected override void WriteValue(Utf8JsonWriter writer, double value) => writer.WriteNumberValue(value);

    protected override RealGenome Create(double[] genes, GeneBounds<double>? bounds, long id) => new(genes, bounds, id);
}
