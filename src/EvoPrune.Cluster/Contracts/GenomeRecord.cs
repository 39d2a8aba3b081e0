namespace EvoPrune.Cluster.Contracts;

/// <summary>
/// A genome as the engine moves it: an id, its population, the generation it was born in and an opaque payload that
/// only its kind's strategy and evaluator decode (masks travel bit-packed; no Torch type ever crosses a grain call).
/// </summary>
[GenerateSerializer, Immutable, Alias("evoprune.genome")]
public sealed record GenomeRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Population,
    [property: Id(2)] int Born,
    [property: Id(3)] int Index,
    [property: Id(4)] byte[] Payload);
