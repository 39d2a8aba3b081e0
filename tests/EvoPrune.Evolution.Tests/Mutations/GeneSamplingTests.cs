using CsCheck;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Mutations;

public class GeneSamplingTests
{
    [Fact]
    public void Pick_AnyRate_IncreasingPositionsWithinLength() =>
        Gen.Select(Gen.Int[0, 500], Gen.Double.Unit, Gens.Seed).Sample((length, rate, seed) =>
        {
            var picks = GeneSampling.Pick(length, rate, Streams.FromSeed(seed));

            Assert.All(picks, p => Assert.InRange(p, 0, length - 1));
            Assert.Equal(picks.Order(), picks);
            Assert.Equal(picks.Count, picks.Distinct().Count());
        });

    [Fact]
    public void Pick_Rate_EachPositionHitWithThatProbability()
    {
        var random = Streams.Fixed("gene-sampling");
        var counts = new int[50];
        for (var trial = 0; trial < 4_000; trial++)
        {
            foreach (var p in GeneSampling.Pick(50, 0.3, random))
            {
                counts[p]++;
            }
        }

        // 1,200 expected per position, standard deviation about 29; the first position checks the first gap too.
        Assert.All(counts, c => Assert.InRange(c, 1_080, 1_320));
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 20)]
    public void Pick_ZeroOrOneRate_NoneOrAll(double rate, int expected) =>
        Assert.Equal(expected, GeneSampling.Pick(20, rate, Streams.Fixed("edge")).Count);
}
