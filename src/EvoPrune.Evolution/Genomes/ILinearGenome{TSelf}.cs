namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// A genome whose genes sit at fixed positions (mask bits, real or integer values), so the positional operators
/// (uniform, one- and two-point crossover, swap mutation) apply to it whatever the gene type.
/// </summary>
/// <typeparam name="TSelf">The implementing genome type.</typeparam>
public interface ILinearGenome<TSelf> : IGenome<TSelf>
    where TSelf : class, ILinearGenome<TSelf>
{
    /// <summary>Whether <paramref name="other"/> has the same shape (length, layers, bounds), so the two can be recombined.</summary>
    bool IsCompatibleWith(TSelf other);

    /// <summary>
    /// An unnumbered child whose gene i comes from <paramref name="other"/> where <paramref name="takeFromOther"/>[i]
    /// is set and from this genome elsewhere.
    /// </summary>
    /// <exception cref="ArgumentException">The genomes are not compatible, or the flag count is not <see cref="IGenome.Length"/>.</exception>
    TSelf Recombine(TSelf other, ReadOnlySpan<bool> takeFromOther);

    /// <summary>
    /// An unnumbered child whose gene i is this genome's gene <paramref name="sourceIndices"/>[i]. The indices must be
    /// a permutation of 0..Length-1, so the child holds the same genes in another order.
    /// </summary>
    /// <exception cref="ArgumentException">The indices are not such a permutation.</exception>
    TSelf Permute(ReadOnlySpan<int> sourceIndices);
}
