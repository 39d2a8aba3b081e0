using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;

namespace EvoPrune.Cluster.Tests.Engine;

public class CheckpointScheduleTests
{
    private static RunSpec Spec(int generations, double seconds) =>
        new("r", "sparse-mask", 1, 100, 4, ["main"], "{}", "test") { CheckpointEveryGenerations = generations, CheckpointEverySeconds = seconds };

    [Fact]
    public void IsDue_NoPolicy_EveryGeneration()
    {
        var schedule = new CheckpointSchedule(new ManualClock());
        schedule.Written(4);

        Assert.True(schedule.IsDue(Spec(0, 0), 5));
    }

    [Fact]
    public void IsDue_EveryThreeGenerations_ThirdGenerationAfterTheLast()
    {
        var schedule = new CheckpointSchedule(new ManualClock());
        schedule.Written(2);

        Assert.Equal([false, false, true], new[] { 3, 4, 5 }.Select(g => schedule.IsDue(Spec(3, 0), g)));
    }

    [Fact]
    public void IsDue_EveryFiveSeconds_OnlyOnceFiveSecondsHavePassed()
    {
        var clock = new ManualClock();
        var schedule = new CheckpointSchedule(clock);
        Assert.True(schedule.IsDue(Spec(0, 5), 0));
        schedule.Written(0);

        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(schedule.IsDue(Spec(0, 5), 7));
        clock.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(schedule.IsDue(Spec(0, 5), 8));
    }

    [Fact]
    public void IsDue_GenerationsOrSeconds_WhicheverComesFirst()
    {
        var clock = new ManualClock();
        var schedule = new CheckpointSchedule(clock);
        schedule.Written(10);

        Assert.True(schedule.IsDue(Spec(2, 30), 12));
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.True(schedule.IsDue(Spec(2, 30), 11));
        schedule.Written(11);
        Assert.False(schedule.IsDue(Spec(2, 30), 12));
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }
}
