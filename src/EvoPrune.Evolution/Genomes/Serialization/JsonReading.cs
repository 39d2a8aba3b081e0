using System.Text.Json;

namespace EvoPrune.Evolution.Genomes.Serialization;

/// <summary>Small readers shared by the genome converters (no reflection, so they stay trim-safe).</summary>
internal static class JsonReading
{
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {what} but found {reader.TokenType}.");
        }
    }

    public static T[] ReadArray<T>(ref Utf8JsonReader reader, Func<Utf8JsonReader, T> readItem)
    {
        Expect(ref reader, JsonTokenType.StartArray, "an array");
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(readItem(reader));
        }

        return [.. items];
    }

    public static void WriteArray<T>(Utf8JsonWriter writer, string name, ReadOnlySpan<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writeItem(writer, item);
        }

        writer.WriteEndArray();
    }
}
