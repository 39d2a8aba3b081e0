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

    /// <summary>
    /// A partial Fisher-Yates shuffle: for i from 0 to <paramref name="count"/> − 1, swaps
    /// <paramref name="items"/>[i] with <paramref name="items"/>[<c>random.NextInt(i, items.Length)</c>], so the first
    /// <paramref name="count"/> items end up a uniform random subset of all of them, in random order. A keyed stream
    /// (<see cref="CounterRandomSource"/>) makes its draws a block at a time; the items and the stream's position after
    /// the call are those of the draw-by-draw loop.
    /// </summary>
    public static void PartialShuffle(this IRandomSource random, Span<int> items, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, items.Length);
        if (random is CounterRandomSource keyed)
        {
            keyed.PartialShuffle(items, count);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var j = random.NextInt(i, items.Length);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
