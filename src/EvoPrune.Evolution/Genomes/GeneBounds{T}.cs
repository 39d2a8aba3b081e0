using System.Globalization;
using System.Numerics;

namespace EvoPrune.Evolution.Genomes;

/// <summary>
/// Inclusive per-gene limits [lower, upper] of a numeric genome. Operators that move genes (Gaussian, blend)
/// clamp into them and uniform mutation resets within them. Equal by value.
/// </summary>
/// <typeparam name="T">The gene type.</typeparam>
public sealed class GeneBounds<T> : IEquatable<GeneBounds<T>>
    where T : struct, INumber<T>
{
    private readonly T[] _lower;
    private readonly T[] _upper;

    /// <summary>The same limits for each of <paramref name="length"/> genes.</summary>
    public GeneBounds(int length, T lower, T upper)
        : this(Filled(length, lower), Filled(length, upper))
    {
    }

    /// <summary>Limits given gene by gene.</summary>
    /// <exception cref="ArgumentException">Lengths differ or are zero, a limit is not finite, or a lower limit exceeds its upper one.</exception>
    public GeneBounds(ReadOnlySpan<T> lower, ReadOnlySpan<T> upper)
        : this(lower.ToArray(), upper.ToArray())
    {
    }

    private GeneBounds(T[] lower, T[] upper)
    {
        if (lower.Length != upper.Length || lower.Length == 0)
        {
            throw new ArgumentException(
                $"Lower and upper limits need the same, non-zero length (got {lower.Length} and {upper.Length}).", nameof(lower));
        }

        for (var i = 0; i < lower.Length; i++)
        {
            if (!T.IsFinite(lower[i]) || !T.IsFinite(upper[i]) || lower[i] > upper[i])
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Gene {i} has limits [{lower[i]}, {upper[i]}]; limits must be finite with lower <= upper."),
                    nameof(lower));
            }
        }

        _lower = lower;
        _upper = upper;
    }

    /// <summary>Number of genes bounded.</summary>
    public int Length => _lower.Length;

    /// <summary>Lower limit of each gene.</summary>
    public ReadOnlySpan<T> Lower => _lower;

    /// <summary>Upper limit of each gene.</summary>
    public ReadOnlySpan<T> Upper => _upper;

    /// <summary>Whether <paramref name="value"/> lies within the limits of gene <paramref name="index"/>.</summary>
    public bool Contains(int index, T value) => value >= _lower[index] && value <= _upper[index];

    /// <summary>The nearest value to <paramref name="value"/> within the limits of gene <paramref name="index"/>.</summary>
    public T Clamp(int index, T value) => T.Clamp(value, _lower[index], _upper[index]);

    /// <inheritdoc />
    public bool Equals(GeneBounds<T>? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (_lower.AsSpan().SequenceEqual(other._lower) && _upper.AsSpan().SequenceEqual(other._upper)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as GeneBounds<T>);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_lower.Length, _lower[0], _upper[0], _lower[^1], _upper[^1]);

    private static T[] Filled(int length, T value)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var values = new T[length];
        Array.Fill(values, value);
        return values;
    }
}
