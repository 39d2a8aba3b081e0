using System.Text.Json;

namespace EvoPrune.Evolution.Genomes.Serialization;

/// <summary>JSON for <see cref="IntegerGenome"/>.</summary>
internal sealed class IntegerGenomeJsonConverter : NumericGenomeJsonConverter<IntegerGenome, int>
{
    protected override int ReadValue(Utf8JsonReader reader) => reader.GetInt32();

    protected override void WriteValue(Utf8JsonWriter writer, int value) => writer.WriteNumberValue(value);

    protected override IntegerGenome Create(int[] genes, GeneBounds<int>? bounds, long id) => new(genes, bounds, id);
}
