namespace EvoPrune.Ensembles.Search;

/// <summary>
/// The control: N uniformly random vectors per generation (vector j from RandomKey(seed, g, j, "random-sample")),
/// for the same budget as the EAs; only the best is kept. Top-k seeding, when chosen, applies here too.
/// </summary>
public sealed class RandomSearch : SubsetSearch<RandomSearchState>
{
    public RandomSearch(SearchOptions? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override string Name => "random";

    /// <inheritdoc />
    public override RandomSearchState Initialize(int length, ulong seed, IReadOnlyList<double>? memberAccuracies = null)
    {
        CheckLength(length);
        return new RandomSearchState { Seed = seed, Generation = 0, Length = length, Injected = VectorSampling.Seeds(length, Options, memberAccuracies) };
    }

    /// <inheritdoc />
    public override IReadOnlyList<bool[]> Propose(RandomSearchState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return VectorSampling.Generation(state, Enumerable.Repeat(0.5, state.Length).ToArray(), Options.PopulationSize, "random-sample");
    }

    /// <inheritdoc />
    protected override RandomSearchState Learn(RandomSearchState state, IReadOnlyList<bool[]> proposals, IReadOnlyList<double> fitness) => state;
}
