using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Paired differences over seeds (for example K-starts' winner minus the mean of its own starts, both from one θ0 and
/// data split per seed): their mean, sample standard deviation, paired t, and the one-sided sign-flip p-value of
/// "the mean difference is positive" — exact over all 2^n sign assignments up to <see cref="ExactLimit"/> seeds, else
/// estimated from <see cref="SampledFlips"/> assignments drawn from a fixed stream. Under the null the differences are
/// symmetric about zero, which the sign-flip test needs and the t-test's normality does not have to hold for.
/// </summary>
public sealed record PairedGain
{
    public const int ExactLimit = 20;
    public const int SampledFlips = 200_000;

    public PairedGain(IReadOnlyList<double> differences)
    {
        ArgumentNullException.ThrowIfNull(differences);
        if (differences.Count == 0 || differences.Any(d => !double.IsFinite(d)))
        {
            throw new ArgumentException("Paired differences must be a non-empty list of finite numbers.", nameof(differences));
        }

        Differences = differences.ToArray();
    }

    public IReadOnlyList<double> Differences { get; }

    public int Count => Differences.Count;

    public double Mean => Differences.Average();

    /// <summary>Sample standard deviation (n − 1); 0 for one difference.</summary>
    public double StandardDeviation
    {
        get
        {
            if (Count < 2)
            {
                return 0;
            }

            var mean = Mean;
            return Math.Sqrt(Differences.Sum(d => (d - mean) * (d - mean)) / (Count - 1));
        }
    }

    /// <summary>The paired t statistic with n − 1 degrees of freedom (NaN for fewer than two differences or no spread).</summary>
    public double T => Count < 2 || StandardDeviation == 0 ? double.NaN : Mean / (StandardDeviation / Math.Sqrt(Count));

    /// <summary>Share of sign assignments whose mean is at least the observed one (the observed assignment included).</summary>
    public double SignFlipP
    {
        get
        {
            var sum = Differences.Sum();
            var slack = 1e-12 * Differences.Sum(Math.Abs);
            if (Count <= ExactLimit)
            {
                var atLeast = 0L;
                var total = 1L << Count;
                for (var signs = 0L; signs < total; signs++)
                {
                    atLeast += FlippedSum(signs) >= sum - slack ? 1 : 0;
                }

                return (double)atLeast / total;
            }

            var random = RandomSources.For(RandomKey.ForPurpose(0, "paired-gain/sign-flips"));
            var hits = 1L; // the observed assignment
            for (var i = 0; i < SampledFlips; i++)
            {
                var flipped = 0.0;
                foreach (var d in Differences)
                {
                    flipped += random.NextDouble() < 0.5 ? -d : d;
                }

                hits += flipped >= sum - slack ? 1 : 0;
            }

            return (double)hits / (SampledFlips + 1);
        }
    }

    private double FlippedSum(long signs)
    {
        var total = 0.0;
        for (var i = 0; i < Count; i++)
        {
            total += (signs & (1L << i)) != 0 ? -Differences[i] : Differences[i];
        }

        return total;
    }
}
