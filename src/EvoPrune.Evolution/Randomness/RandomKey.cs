namespace EvoPrune.Evolution.Randomness;

/// <summary>
/// Names one random stream: (run seed, generation, genome, purpose). The same key always yields the
/// same stream, whatever silo draws from it and in whatever order, so a resumed run replays exactly.
/// </summary>
/// <param name="Seed">The run seed.</param>
/// <param name="Generation">Generation number, or -1 where the stream belongs to no generation.</param>
/// <param name="Genome">Genome index or id hash, or -1 where the stream belongs to no genome.</param>
/// <param name="Purpose">What the numbers are for ("crossover", "init-weights", "split", ...).</param>
public readonly record struct RandomKey(ulong Seed, long Generation, long Genome, string Purpose)
{
    /// <summary>A key for a stream that belongs to no generation or genome.</summary>
    public static RandomKey ForPurpose(ulong seed, string purpose) => new(seed, -1, -1, purpose);

    /// <summary>The same key with another purpose.</summary>
    public RandomKey WithPurpose(string purpose) => this with { Purpose = purpose };

    /// <summary>The same key for another genome.</summary>
    public RandomKey WithGenome(long genome) => this with { Genome = genome };

    /// <summary>
    /// A 64-bit digest of the key (FNV-1a over the purpose, then mixed with the numeric parts).
    /// Stable across processes and .NET versions, unlike <see cref="string.GetHashCode()"/>.
    /// </summary>
    public ulong Digest()
    {
        var h = 14695981039346656037UL;
        foreach (var c in Purpose ?? string.Empty)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        h = Mix64(h ^ Mix64(Seed));
        h = Mix64(h ^ Mix64(unchecked((ulong)Generation) + 0x9E3779B97F4A7C15UL));
        h = Mix64(h ^ Mix64(unchecked((ulong)Genome) + 0xD1B54A32D192ED03UL));
        return h;
    }

    /// <summary>A 32-bit seed for libraries that take an <see cref="int"/> seed.</summary>
    public int ToInt32Seed() => unchecked((int)(Digest() >> 33));

    /// <summary>A non-negative 63-bit seed for libraries that take a <see cref="long"/> seed.</summary>
    public long ToInt64Seed() => unchecked((long)(Digest() >> 1));

    /// <inheritdoc />
    public override string ToString() => $"(seed {Seed}, gen {Generation}, genome {Genome}, {Purpose})";

    // SplitMix64's finaliser: a bijective avalanche on 64 bits.
    internal static ulong Mix64(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
