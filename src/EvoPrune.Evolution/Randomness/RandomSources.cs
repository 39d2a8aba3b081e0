namespace EvoPrune.Evolution.Randomness;

/// <summary>Shorthands for keyed random streams.</summary>
public static class RandomSources
{
    /// <summary>The stream for (seed, generation, genome, purpose).</summary>
    public static IRandomSource For(ulong seed, long generation, long genome, string purpose) =>
        new CounterRandomSource(new RandomKey(seed, generation, genome, purpose));

    /// <summary>The stream for a key.</summary>
    public static IRandomSource For(RandomKey key) => new CounterRandomSource(key);

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public static void Shuffle<T>(this IRandomSource random, IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
