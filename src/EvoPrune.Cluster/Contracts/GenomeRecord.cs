namespace EvoPrune.Cluster.Contracts;

/// <summary>
/// A genome as the engine moves it: an id, its population, the generation it was born in and an opaque payload that
/// only its kind's strategy and evaluator decode (masks travel bit-packed; no Torch type ever crosses a grain call).
/// </summary>
/// <remarks>
/// A strategy may hand over the genome object itself (<see cref="OfLive{T}"/>): the payload is then encoded only when
/// something reads it — Orleans sending the record to another silo, or a checkpoint — and a worker on the breeding silo,
/// which Orleans gives the very same [Immutable] record, reads <see cref="Live"/> and neither encodes nor decodes.
/// </remarks>
[GenerateSerializer, Immutable, Alias("evoprune.genome")]
public sealed record GenomeRecord
{
    [NonSerialized]
    private readonly object? _live;

    [NonSerialized]
    private readonly Func<object, byte[]>? _encode;

    [NonSerialized] // Serialised through Payload, which encodes first.
    private byte[]? _payload;

    public GenomeRecord(string id, string population, int born, int index, byte[] payload)
    {
        Id = id;
        Population = population;
        Born = born;
        Index = index;
        _payload = payload;
    }

    private GenomeRecord(string id, string population, int born, int index, object live, Func<object, byte[]> encode)
    {
        Id = id;
        Population = population;
        Born = born;
        Index = index;
        _live = live;
        _encode = encode;
    }

    [Id(0)]
    public string Id { get; init; }

    [Id(1)]
    public string Population { get; init; }

    [Id(2)]
    public int Born { get; init; }

    [Id(3)]
    public int Index { get; init; }

    /// <summary>The encoded genome; encoded from <see cref="Live"/> on first read when the record was made from one.</summary>
    [Id(4)]
    public byte[] Payload
    {
        // Encoding is deterministic, so two threads racing here store equal bytes.
        get => _payload ??= _encode!(_live!);
        internal set => _payload = value; // for the generated serializer only
    }

    /// <summary>
    /// The genome object this record was made from, while the process that bred it holds the record; null on any other
    /// silo and from a file, where <see cref="Payload"/> is decoded. Never serialised.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public object? Live => _live;

    /// <summary>A record of <paramref name="genome"/> whose payload <paramref name="encode"/> makes only when it is read.</summary>
    public static GenomeRecord OfLive<T>(string id, string population, int born, int index, T genome, Func<object, byte[]> encode)
        where T : class =>
        new(id, population, born, index, genome ?? throw new ArgumentNullException(nameof(genome)), encode ?? throw new ArgumentNullException(nameof(encode)));
}
