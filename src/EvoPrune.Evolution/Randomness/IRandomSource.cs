namespace EvoPrune.Evolution.Randomness;

/// <summary>
/// A stream of random numbers. Operators take one as an argument and never read a static or shared RNG,
/// so every draw can be traced back to a <see cref="RandomKey"/>.
/// </summary>
public interface IRandomSource
{
    /// <summary>The next 64 uniformly distributed bits.</summary>
    ulong NextUInt64();

    /// <summary>A uniform double in [0, 1).</summary>
    double NextDouble();

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    int NextInt(int maxExclusive);

    /// <summary>A uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    int NextInt(int minInclusive, int maxExclusive);

    /// <summary>A draw from the standard normal distribution.</summary>
    double NextGaussian();

    /// <summary>True with probability <paramref name="probability"/>.</summary>
    bool NextBool(double probability = 0.5);
}
