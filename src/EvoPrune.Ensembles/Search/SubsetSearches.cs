namespace EvoPrune.Ensembles.Search;

/// <summary>Creates searches by name: "umda", "pbil", "ga", "random".</summary>
public static class SubsetSearches
{
    public static IReadOnlyList<string> Names { get; } = ["umda", "pbil", "ga", "random"];

    /// <summary>The search called <paramref name="name"/> with <paramref name="options"/>.</summary>
    public static ISubsetSearch Create(string name, SearchOptions? options = null) => name?.ToLowerInvariant() switch
    {
        "umda" => new Umda(options),
        "pbil" => new Pbil(options),
        "ga" => new GeneticSearch(options),
        "random" => new RandomSearch(options),
        _ => throw new ArgumentException($"Unknown search '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
