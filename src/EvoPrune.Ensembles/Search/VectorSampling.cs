using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Ensembles.Search;

/// <summary>Initial models and keyed sampling of Bernoulli vectors shared by the searches.</summary>
public static class VectorSampling
{
    /// <summary>Initial inclusion probabilities for <paramref name="initialization"/> (see <see cref="SearchInitialization"/>).</summary>
    public static double[] InitialProbabilities(int length, SearchInitialization initialization, IReadOnlyList<double>? accuracies)
    {
        var p = Enumerable.Repeat(0.5, length).ToArray();
        if (initialization != SearchInitialization.AccuracyBiased || accuracies is null || accuracies.Count != length)
        {
            return p;
        }

        var min = accuracies.Min();
        var max = accuracies.Max();
        for (var i = 0; i < length && max > min; i++)
        {
            p[i] = 0.2 + (0.6 * (accuracies[i] - min) / (max - min));
        }

        return p;
    }

    /// <summary>The vectors generation 0 starts with: for top-k seeding, the k best singletons and their union.</summary>
    public static IReadOnlyList<IReadOnlyList<bool>> Seeds(int length, SearchOptions options, IReadOnlyList<double>? accuracies)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Initialization != SearchInitialization.SeededTopK || accuracies is null || accuracies.Count != length)
        {
            return [];
        }

        var top = Enumerable.Range(0, length).OrderByDescending(i => accuracies[i]).ThenBy(i => i).Take(options.SeedTopK).ToArray();
        var seeds = new List<IReadOnlyList<bool>>();
        var union = new bool[length];
        foreach (var m in top)
        {
            var single = new bool[length];
            single[m] = true;
            union[m] = true;
            seeds.Add(single);
        }

        if (top.Length > 1)
        {
            seeds.Add(union);
        }

        return seeds.Take(options.PopulationSize).ToArray();
    }

    /// <summary>One vector with bit i set with probability p[i], drawn from <paramref name="random"/>.</summary>
    public static bool[] Sample(IReadOnlyList<double> p, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(random);
        var bits = new bool[p.Count];
        for (var i = 0; i < bits.Length; i++)
        {
            bits[i] = random.NextDouble() < p[i];
        }

        return bits;
    }

    /// <summary>
    /// <paramref name="count"/> vectors for generation <c>state.Generation</c>: injected ones first, then vector j drawn
    /// from RandomKey(seed, generation, j, <paramref name="purpose"/>).
    /// </summary>
    public static bool[][] Generation(SearchState state, IReadOnlyList<double> p, int count, string purpose)
    {
        ArgumentNullException.ThrowIfNull(state);
        var vectors = new bool[count][];
        for (var j = 0; j < count; j++)
        {
            vectors[j] = j < state.Injected.Count
                ? [.. state.Injected[j]]
                : Sample(p, RandomSources.For(state.Seed, state.Generation, j, purpose));
        }

        return vectors;
    }

    /// <summary>Indices of <paramref name="fitness"/> from best to worst; ties keep index order.</summary>
    public static int[] Ranking(IReadOnlyList<double> fitness)
    {
        ArgumentNullException.ThrowIfNull(fitness);
        return Enumerable.Range(0, fitness.Count).OrderByDescending(i => fitness[i]).ThenBy(i => i).ToArray();
    }
}
