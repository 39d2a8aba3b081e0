using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvoPrune.Evolution.Genomes.Serialization;

/// <summary>Writes a mask as <c>{"id":…,"layerSizes":[…],"bits":"base64 of the packed bytes"}</c>.</summary>
internal sealed class MaskGenomeJsonConverter : JsonConverter<MaskGenome>
{
    public override MaskGenome Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        JsonReading.Expect(ref reader, JsonTokenType.StartObject, "a mask genome object");
        var id = 0L;
        int[]? layerSizes = null;
        byte[]? bits = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "id":
                    id = reader.GetInt64();
                    break;
                case "layerSizes":
                    layerSizes = JsonReading.ReadArray(ref reader, r => r.GetInt32());
                    break;
                case "bits":
                    bits = reader.GetBytesFromBase64();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (layerSizes is null || bits is null)
        {
            throw new JsonException("A mask genome needs both \"layerSizes\" and \"bits\".");
        }

        return MaskGenome.FromPackedBytes(new MaskLayout(layerSizes), bits, id);
    }

    public override void Write(Utf8JsonWriter writer, MaskGenome value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", value.Id);
        writer.WriteStartArray("layerSizes");
        foreach (var size in value.LayerSizes)
        {
            writer.WriteNumberValue(size);
        }

        writer.WriteEndArray();
        writer.WriteBase64String("bits", value.ToPackedBytes());
        writer.WriteEndObject();
    }
}
