using EvoPrune.Learning.Pruning;

namespace EvoPrune.Learning.Tests.Pruning;

public class PairedGainTests
{
    [Fact]
    public void Statistics_OfThreeDifferences_MatchHandComputedValues()
    {
        var gain = new PairedGain([0.01, 0.02, 0.03]);

        Assert.Equal(0.02, gain.Mean, 12);
        Assert.Equal(0.01, gain.StandardDeviation, 12);
        Assert.Equal(2 * Math.Sqrt(3), gain.T, 9);
        // Of the 8 sign assignments only the observed one reaches a sum of 0.06.
        Assert.Equal(1.0 / 8, gain.SignFlipP);
    }

    [Fact]
    public void SignFlipP_OfSymmetricDifferences_CountsTiesAsAtLeastAsExtreme()
    {
        // Sums over the 4 assignments of ±1, ±1: 2, 0, 0, -2; the observed sum is 0, so 3 of 4 reach it.
        Assert.Equal(0.75, new PairedGain([1.0, -1.0]).SignFlipP);
        Assert.Equal(1.0, new PairedGain([-0.5, -0.2, -0.1]).SignFlipP);
    }

    [Fact]
    public void SignFlipP_BeyondTheExactLimit_IsCloseToTheExactShare()
    {
        var differences = Enumerable.Range(1, PairedGain.ExactLimit + 1).Select(i => (i % 3 == 0 ? -1.0 : 1.0) * i / 10).ToArray();
        var sum = differences.Sum();
        long atLeast = 0;
        for (var signs = 0L; signs < 1L << differences.Length; signs++)
        {
            var flipped = 0.0;
            for (var i = 0; i < differences.Length; i++)
            {
                flipped += (signs & (1L << i)) != 0 ? -differences[i] : differences[i];
            }

            atLeast += flipped >= sum - 1e-9 ? 1 : 0;
        }

        var exact = (double)atLeast / (1L << differences.Length);
        var sampled = new PairedGain(differences).SignFlipP;

        Assert.InRange(exact, 0.05, 0.95);
        Assert.True(Math.Abs(sampled - exact) < 0.005, $"sampled {sampled}, exact {exact}");
        Assert.Equal(sampled, new PairedGain(differences).SignFlipP);
    }

    [Fact]
    public void Constructor_EmptyOrNotFinite_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new PairedGain([]));
        Assert.Throws<ArgumentException>(() => new PairedGain([0.1, double.NaN]));
    }
}
