using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;

namespace EvoPrune.Evolution.Fitness;

/// <summary>
/// What an evaluation says about one genome: the <see cref="Primary"/> fitness the search ranks by, auxiliary
/// named <see cref="Scores"/> kept alongside (sparsity, flops, accuracy…), and a <see cref="FailureCause"/> where
/// evaluation failed. A failed or NaN fitness ranks below every other under <see cref="FitnessComparer"/>.
/// Equal by value; NaN equals NaN here so that snapshots compare equal after a round trip.
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed class FitnessInfo : IEquatable<FitnessInfo>
{
    private static readonly ImmutableSortedDictionary<string, double> NoScores =
        ImmutableSortedDictionary.Create<string, double>(StringComparer.Ordinal);

    /// <summary>Creates a fitness; <paramref name="scores"/> are copied.</summary>
    [JsonConstructor]
    public FitnessInfo(double primary, IReadOnlyDictionary<string, double>? scores = null, string? failureCause = null)
    {
        Primary = primary;
        Scores = scores is null || scores.Count == 0 ? NoScores : NoScores.AddRange(scores);
        FailureCause = failureCause;
    }

    /// <summary>The value the search ranks by (its direction is the comparer's).</summary>
    public double Primary { get; }

    /// <summary>Auxiliary named scores, in ordinal key order; they do not take part in ranking.</summary>
    public IReadOnlyDictionary<string, double> Scores { get; }

    /// <summary>Why evaluation failed, or null where it did not.</summary>
    public string? FailureCause { get; }

    /// <summary>Whether this fitness counts as failed: a failure cause is set or the primary value is NaN.</summary>
    [JsonIgnore]
    public bool IsFailed => FailureCause is not null || double.IsNaN(Primary);

    /// <summary>A failed fitness (primary NaN) with its cause.</summary>
    public static FitnessInfo Failed(string cause, IReadOnlyDictionary<string, double>? scores = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cause);
        return new FitnessInfo(double.NaN, scores, cause);
    }

    /// <summary>This fitness with the score <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public FitnessInfo WithScore(string name, double value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new FitnessInfo(Primary, ((ImmutableSortedDictionary<string, double>)Scores).SetItem(name, value), FailureCause);
    }

    /// <summary>The score <paramref name="name"/>, or null where it was not recorded.</summary>
    public double? Score(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Scores.TryGetValue(name, out var value) ? value : null;
    }

    /// <inheritdoc />
    public bool Equals(FitnessInfo? other)
    {
        if (other is null)
        {
            return false;
        }

        return Primary.Equals(other.Primary)
            && string.Equals(FailureCause, other.FailureCause, StringComparison.Ordinal)
            && Scores.Count == other.Scores.Count
            && Scores.All(s => other.Scores.TryGetValue(s.Key, out var v) && s.Value.Equals(v));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FitnessInfo);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Primary, FailureCause, Scores.Count);

    /// <inheritdoc />
    public override string ToString()
    {
        var scores = Scores.Count == 0
            ? string.Empty
            : $" ({string.Join(", ", Scores.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value:G6}")))})";
        return FailureCause is null
            ? string.Create(CultureInfo.InvariantCulture, $"{Primary:G6}{scores}")
            : $"failed: {FailureCause}{scores}";
    }
}
