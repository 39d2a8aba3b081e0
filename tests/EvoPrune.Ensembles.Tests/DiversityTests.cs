using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Tests;

public class DiversityTests
{
    // Labels all 0 over 4 samples. Correctness: m0 = 1100, m1 = 1010 -> N11 = 1, N10 = 1, N01 = 1, N00 = 1.
    private static readonly SplitPredictions Split = new(
        [0, 0, 0, 0],
        [[1f, 0f, 1f, 0f, 0f, 1f, 0f, 1f], [1f, 0f, 0f, 1f, 1f, 0f, 0f, 1f]],
        2);

    [Theory]
    [InlineData(DiversityMeasure.Disagreement, 0.5)]
    [InlineData(DiversityMeasure.DoubleFault, 0.75)]
    [InlineData(DiversityMeasure.QStatistic, 0.5)]
    public void Pair_HandComputed_Matches(DiversityMeasure measure, double expected) =>
        Assert.Equal(expected, PairwiseDiversity.Pair(Split, 0, 1, measure), 10);

    [Fact]
    public void Mean_SingleMember_IsZero() =>
        Assert.Equal(0, PairwiseDiversity.Mean(Split, [0], DiversityMeasure.Disagreement));

    [Fact]
    public void Evaluate_WithLambda_AddsDiversity()
    {
        var pool = new PoolPredictions(["a", "b"], Split, Split);
        var f1 = new EnsembleFitness(pool).Evaluate([true, true]);
        var f2 = new EnsembleFitness(pool, new FitnessOptions { Lambda = 0.2 }).Evaluate([true, true]);
        Assert.Equal(f1 + (0.2 * 0.5), f2, 10);
    }
}
