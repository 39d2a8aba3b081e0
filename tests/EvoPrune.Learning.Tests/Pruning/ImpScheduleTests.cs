using EvoPrune.Learning.Models;
using EvoPrune.Learning.Pruning;

namespace EvoPrune.Learning.Tests.Pruning;

public class ImpScheduleTests
{
    [Fact]
    public void RemainingFractions_TwentyPercentPerRound_MatchesPaperTable()
    {
        var remaining = ImpSchedule.RemainingFractions(0.2, 5).Select(f => Math.Round(100 * f, 6)).ToArray();

        Assert.Equal([100, 80, 64, 51.2, 40.96, 32.768], remaining);
    }

    [Fact]
    public void RemainingPercent_LeNet300100AtFc20Output10_MatchesPaperPm()
    {
        var lenet = Architectures.Create("lenet300-100", InputShape.Flat(784), 10);

        var percent = ImpSchedule.RemainingPercent(lenet, ImpOptions.LotteryTicketPaper(16));

        // The LTH paper's P_m (%) at rounds 0, 3, 5, 7, 9, 11, 13, 15, 16 (reference §4.2).
        int[] rounds = [0, 3, 5, 7, 9, 11, 13, 15, 16];
        Assert.Equal([100, 51.3, 32.9, 21.1, 13.5, 8.7, 5.6, 3.6, 2.9], rounds.Select(r => Math.Round(percent[r], 1)).ToArray());
    }

    [Fact]
    public void KeptCounts_EachRound_RemovesRoundedShareOfRemaining()
    {
        Assert.Equal([1000L, 800, 640, 512, 410], ImpSchedule.KeptCounts(1000, 0.2, 4));
        Assert.Equal([1000L, 900, 810, 729], ImpSchedule.KeptCounts(1000, 0.1, 3));
    }

    [Fact]
    public void KeptCountsToTarget_LastRound_HitsTargetExactly()
    {
        var kept = ImpSchedule.KeptCountsToTarget(26600, 0.95, 3);

        Assert.Equal(26600, kept[0]);
        Assert.Equal(1330, kept[^1]);
        Assert.True(kept.Zip(kept.Skip(1)).All(p => p.First > p.Second));
    }
}
