using System.Buffers;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// A fitness report as the stores keep it: one compact JSON object, byte for byte what
/// <c>JsonSerializer.Serialize(report, StoreJson.Compact)</c> writes (a test holds it to that), written field by field;
/// in a file that holds several generations each line starts with its generation.
/// The serializer's reflection-driven walk over the record and its score dictionary cost about as much as the
/// evaluation of a NEAT genome; every report goes through here once.
/// </summary>
internal static class ReportJson
{
    private static readonly JsonEncodedText GenomeId = JsonEncodedText.Encode("genomeId");
    private static readonly JsonEncodedText Fitness = JsonEncodedText.Encode("fitness");
    private static readonly JsonEncodedText Scores = JsonEncodedText.Encode("scores");
    private static readonly JsonEncodedText Failure = JsonEncodedText.Encode("failure");
    private static readonly JsonEncodedText Silo = JsonEncodedText.Encode("silo");
    private static readonly JsonEncodedText Device = JsonEncodedText.Encode("device");
    private static readonly JsonEncodedText Seconds = JsonEncodedText.Encode("seconds");
    private static readonly JsonEncodedText Failed = JsonEncodedText.Encode("failed");
    private static readonly JsonEncodedText GenerationName = JsonEncodedText.Encode("generation");

    // One report as one JSON object, its generation first when given.
    private static void Write(Utf8JsonWriter json, FitnessReport report, int? generation)
    {
        ArgumentNullException.ThrowIfNull(report);
        json.WriteStartObject();
        if (generation is { } g)
        {
            json.WriteNumber(GenerationName, g);
        }

        json.WriteString(GenomeId, report.GenomeId);
        json.WritePropertyName(Fitness);
        Number(json, report.Fitness);
        json.WritePropertyName(Scores);
        if (report.Scores == null)
        {
            json.WriteNullValue();
        }
        else
        {
            json.WriteStartObject();
            foreach (var (name, value) in report.Scores)
            {
                json.WritePropertyName(name);
                Number(json, value);
            }

            json.WriteEndObject();
        }

        json.WriteString(Failure, report.Failure);
        json.WriteString(Silo, report.Silo);
        json.WriteString(Device, report.Device);
        json.WritePropertyName(Seconds);
        Number(json, report.Seconds);
        json.WriteBoolean(Failed, report.Failed);
        json.WriteEndObject();
    }

    // A kept buffer larger than this is dropped after use rather than held by its thread.
    private const int KeptCapacity = 1 << 20;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_lines;

    [ThreadStatic]
    private static Utf8JsonWriter? t_json;

    /// <summary>
    /// The reports as JSON lines (each ending in a newline) in one UTF-8 buffer, with no string per line, handed to
    /// <paramref name="use"/>. The buffer is the calling thread's and is reused by its next call (a NEAT run writes a
    /// generation's reports every millisecond or so), so <paramref name="use"/> must not keep it.
    /// </summary>
    public static T WithLines<T>(IReadOnlyList<FitnessReport> reports, Func<ReadOnlySpan<byte>, T> use)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return WithLines([new ReportBatch(-1, reports)], tagged: false, use);
    }

    /// <summary>
    /// As <see cref="WithLines{T}(IReadOnlyList{FitnessReport}, Func{ReadOnlySpan{byte}, T})"/> for the reports of
    /// several generations, each line tagged with its generation as its first property
    /// (<c>{"generation":12,"genomeId":…}</c>): the form of a file that holds several generations.
    /// </summary>
    public static T WithTaggedLines<T>(IReadOnlyList<ReportBatch> batches, Func<ReadOnlySpan<byte>, T> use) => WithLines(batches, tagged: true, use);

    /// <summary>
    /// The generation a tagged line (see <see cref="WithTaggedLines{T}"/>) starts with, or null when the line does not
    /// start with one (an untagged line, or one cut short before it).
    /// </summary>
    public static int? Generation(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject
                && reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(GenerationName.EncodedUtf8Bytes)
                && reader.Read() && reader.TryGetInt32(out var generation)
                ? generation
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static T WithLines<T>(IReadOnlyList<ReportBatch> batches, bool tagged, Func<ReadOnlySpan<byte>, T> use)
    {
        ArgumentNullException.ThrowIfNull(batches);
        ArgumentNullException.ThrowIfNull(use);
        var count = 0;
        foreach (var batch in batches)
        {
            count += batch.Reports.Count;
        }

        var lines = t_lines ?? new ArrayBufferWriter<byte>(256 * Math.Max(1, count));
        t_lines = null; // Taken: a nested call on this thread gets a buffer of its own.
        lines.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(lines, new JsonWriterOptions { Encoder = StoreJson.Compact.Encoder });
        foreach (var batch in batches)
        {
            foreach (var report in batch.Reports)
            {
                json.Reset(lines);
                Write(json, report, tagged ? batch.Generation : null);
                json.Flush();
                lines.Write("\n"u8);
            }
        }

        json.Reset(Stream.Null);
        try
        {
            return use(lines.WrittenSpan);
        }
        finally
        {
            t_lines = lines.Capacity <= KeptCapacity ? lines : null;
        }
    }

    // As JsonNumberHandling.AllowNamedFloatingPointLiterals writes a double: a number, or NaN and the infinities as strings.
    // Whole numbers below 10^15 (node and connection counts, flags) print the same digits as a long, which formats several
    // times faster than the shortest round-trip form of a double; -0 prints as "-0" and stays a double.
    private static void Number(Utf8JsonWriter json, double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e15 && !(value == 0 && double.IsNegative(value)))
        {
            json.WriteNumberValue((long)value);
        }
        else if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }
}
