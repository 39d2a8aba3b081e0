using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvoPrune.Evolution.Genomes.Serialization;

/// <summary>Writes a numeric genome as <c>{"id":…,"genes":[…],"lower":[…],"upper":[…]}</c>; the limits only when bounded.</summary>
internal abstract class NumericGenomeJsonConverter<TGenome, T> : JsonConverter<TGenome>
    where TGenome : NumericGenome<TGenome, T>
    where T : struct, INumber<T>
{
    public override TGenome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonReading.Expect(ref reader, JsonTokenType.StartObject, "a genome object");
        var id = 0L;
        T[]? genes = null, lower = null, upper = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "id":
                    id = reader.GetInt64();
                    break;
                case "genes":
                    genes = JsonReading.ReadArray(ref reader, ReadValue);
                    break;
                case "lower":
                    lower = JsonReading.ReadArray(ref reader, ReadValue);
                    break;
                case "upper":
                    upper = JsonReading.ReadArray(ref reader, ReadValue);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (genes is null || (lower is null) != (upper is null))
        {
            throw new JsonException("A genome needs \"genes\", and \"lower\" and \"upper\" together or not at all.");
        }

        var bounds = lower is null ? null : new GeneBounds<T>(lower, upper);
        return Create(genes, bounds, id);
    }

    public override void Write(Utf8JsonWriter writer, TGenome value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", value.Id);
        JsonReading.WriteArray(writer, "genes", value.Genes, WriteValue);
        if (value.Bounds is { } bounds)
        {
            JsonReading.WriteArray(writer, "lower", bounds.Lower, WriteValue);
            JsonReading.WriteArray(writer, "upper", bounds.Upper, WriteValue);
        }

        writer.WriteEndObject();
    }

    protected abstract T ReadValue(Utf8JsonReader reader);

    protected abstract void WriteValue(Utf8JsonWriter writer, T value);

    protected abstract TGenome Create(T[] genes, GeneBounds<T>? bounds, long id);
}
