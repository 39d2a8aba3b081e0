namespace EvoPrune.Evolution.Fitness;

/// <summary>
/// Orders fitness: <c>Compare(x, y) &gt; 0</c> means x is fitter. Larger primary fitness wins under
/// <see cref="FitnessDirection.Maximize"/> and smaller under <see cref="FitnessDirection.Minimize"/>; a failed or
/// NaN fitness (or null) ranks below every valid one in both directions, and failures tie with each other.
/// </summary>
public sealed class FitnessComparer : IComparer<FitnessInfo>
{
    /// <summary>Creates a comparer for <paramref name="direction"/>.</summary>
    public FitnessComparer(FitnessDirection direction)
    {
        if (!Enum.IsDefined(direction))
        {
            throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown fitness direction.");
        }

        Direction = direction;
    }

    /// <summary>Larger is better (the default everywhere).</summary>
    public static FitnessComparer Maximize { get; } = new(FitnessDirection.Maximize);

    /// <summary>Smaller is better.</summary>
    public static FitnessComparer Minimize { get; } = new(FitnessDirection.Minimize);

    /// <summary>Which way is better.</summary>
    public FitnessDirection Direction { get; }

    /// <inheritdoc />
    public int Compare(FitnessInfo? x, FitnessInfo? y)
    {
        var xs = OrientedScore(x);
        var ys = OrientedScore(y);
        if (double.IsNaN(xs))
        {
            return double.IsNaN(ys) ? 0 : -1;
        }

        return double.IsNaN(ys) ? 1 : xs.CompareTo(ys);
    }

    /// <summary>Whether <paramref name="x"/> is strictly fitter than <paramref name="y"/>.</summary>
    public bool IsFitter(FitnessInfo? x, FitnessInfo? y) => Compare(x, y) > 0;

    /// <summary>
    /// The primary fitness turned so that larger is better (negated under Minimize), or NaN for a failed or null
    /// fitness. Fitness-proportional selection and stagnation thresholds work on this value.
    /// </summary>
    public double OrientedScore(FitnessInfo? fitness)
    {
        if (fitness is null || fitness.IsFailed)
        {
            return double.NaN;
        }

        return Direction == FitnessDirection.Maximize ? fitness.Primary : -fitness.Primary;
    }

    /// <inheritdoc />
    public override string ToString() => Direction.ToString();
}
