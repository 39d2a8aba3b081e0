using System.Globalization;
using System.Numerics;

namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// The shared body of <see cref="RealGenome"/> and <see cref="IntegerGenome"/>: finite numbers at fixed positions,
/// optionally held within <see cref="GeneBounds{T}"/>. Not meant to be derived from outside this assembly.
/// </summary>
/// <typeparam name="TSelf">The concrete genome type.</typeparam>
/// <typeparam name="T">The gene type.</typeparam>
public abstract class NumericGenome<TSelf, T> : ILinearGenome<TSelf>
    where TSelf : NumericGenome<TSelf, T>
    where T : struct, INumber<T>
{
    private readonly T[] _genes;

    // Takes ownership of genes; validate is false only for clones of an already valid genome.
    private protected NumericGenome(T[] genes, GeneBounds<T>? bounds, long id, bool validate)
    {
        ArgumentNullException.ThrowIfNull(genes);
        if (validate)
        {
            Validate(genes, bounds);
        }

        _genes = genes;
        Bounds = bounds;
        Id = id;
    }

    /// <inheritdoc />
    public long Id { get; }

    /// <inheritdoc />
    public int Length => _genes.Length;

    /// <summary>The genes.</summary>
    public ReadOnlySpan<T> Genes => _genes;

    /// <summary>Gene <paramref name="index"/>.</summary>
    public T this[int index] => _genes[index];

    /// <summary>Limits the genes stay within, or null when they are unbounded.</summary>
    public GeneBounds<T>? Bounds { get; }

    /// <inheritdoc />
    public TSelf Clone(long id) => Create(_genes, id, validate: false);

    /// <inheritdoc />
    public bool HasSameGenes(TSelf other) =>
        IsCompatibleWith(other) && _genes.AsSpan().SequenceEqual(other._genes);

    /// <inheritdoc />
    public bool IsCompatibleWith(TSelf other) =>
        other is not null && other.Length == Length && Equals(Bounds, other.Bounds);

    /// <inheritdoc />
    public TSelf Recombine(TSelf other, ReadOnlySpan<bool> takeFromOther)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!IsCompatibleWith(other))
        {
            throw new ArgumentException($"Cannot recombine genomes of different shapes ({Length} and {other.Length} genes, or different bounds).", nameof(other));
        }

        return Create(GeneArrays.Recombine<T>(_genes, other._genes, takeFromOther), 0, validate: false);
    }

    /// <summary>
    /// An unnumbered child whose gene i is this genome's gene <paramref name="sourceIndices"/>[i] (a permutation of
    /// 0..Length-1). Under per-gene bounds a moved gene is clamped into the limits of its new position, so the child
    /// stays valid.
    /// </summary>
    /// <exception cref="ArgumentException">The indices are not a permutation.</exception>
    public TSelf Permute(ReadOnlySpan<int> sourceIndices) => WithGenes(GeneArrays.Permute<T>(_genes, sourceIndices));

    /// <summary>An unnumbered genome of this shape that takes ownership of <paramref name="genes"/>, clamped into the bounds.</summary>
    internal TSelf WithGenes(T[] genes)
    {
        if (Bounds is { } bounds)
        {
            for (var i = 0; i < genes.Length; i++)
            {
                genes[i] = bounds.Clamp(i, genes[i]);
            }
        }

        return Create(genes, 0, validate: true);
    }

    /// <summary>A genome of the concrete type over <paramref name="genes"/> with this genome's bounds.</summary>
    private protected abstract TSelf Create(T[] genes, long id, bool validate);

    private static void Validate(T[] genes, GeneBounds<T>? bounds)
    {
        if (genes.Length == 0)
        {
            throw new ArgumentException("A genome needs at least one gene.", nameof(genes));
        }

        if (bounds is not null && bounds.Length != genes.Length)
        {
            throw new ArgumentException($"The bounds cover {bounds.Length} genes but the genome has {genes.Length}.", nameof(bounds));
        }

        for (var i = 0; i < genes.Length; i++)
        {
            if (!T.IsFinite(genes[i]) || (bounds is not null && !bounds.Contains(i, genes[i])))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Gene {i} ({genes[i]}) is not finite or lies outside its bounds."), nameof(genes));
            }
        }
    }
}
