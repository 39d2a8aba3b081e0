using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Randomness;

/// <summary>
/// A keyed stream shuffles with draws made a block at a time; the items and the stream's position afterwards must be
/// those of the plain loop of <see cref="IRandomSource.NextInt(int, int)"/> calls, or every seed's masks would change.
/// </summary>
public sealed class PartialShuffleTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(10, 3)]
    [InlineData(300, 255)]
    [InlineData(300, 256)]
    [InlineData(300, 257)]
    [InlineData(5000, 5000)]
    [InlineData(100_000, 9_999)]
    public void PartialShuffle_KeyedStream_SameItemsAndPositionAsTheLoop(int length, int count)
    {
        for (var genome = 0; genome < 20; genome++)
        {
            var key = new RandomKey(11, 3, genome, "shuffle");
            var (blocked, loop) = Both(key, length, count);
            Assert.Equal(loop.Items, blocked.Items);
            Assert.Equal(loop.Position, blocked.Position);
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    [InlineData(1)]
    public void Fill_EveryVectorWidth_GivesTheDrawsOfNextUInt64(int lanes)
    {
        // The shuffle fills its blocks with the widest vectors the machine has; every width is checked here (one the
        // hardware lacks runs in software, slowly but exactly), so a machine with narrower vectors gets the same masks.
        foreach (var position in new[] { 0UL, 5UL, ulong.MaxValue - 6 })
        {
            foreach (var length in new[] { 0, 1, 3, 4, 7, 8, 9, 31, 256 })
            {
                var source = new CounterRandomSource(new RandomKey(7, 1, 2, "fill"), position);
                var drawn = new ulong[length];
                source.Fill(position, drawn, lanes);
                var expected = new ulong[length];
                for (var i = 0; i < length; i++)
                {
                    expected[i] = source.NextUInt64();
                }

                Assert.Equal(expected, drawn);
            }
        }
    }

    [Fact]
    public void PartialShuffle_BoundsLargeEnoughToReject_SameItemsAndPositionAsTheLoop()
    {
        // With bounds in the millions about one draw in ten thousand is rejected by the unbiased bound reduction, so
        // the block path's rejections (and the draws they take) are exercised.
        var (blocked, loop) = Both(new RandomKey(5, 0, 0, "reject"), 3_000_000, 3_000_000);
        Assert.True(loop.Position > 3_000_000, "no draw was rejected: the test does not reach the rejection path");
        Assert.Equal(loop.Position, blocked.Position);
        Assert.True(loop.Items.AsSpan().SequenceEqual(blocked.Items), "the shuffled items differ");
    }

    [Fact]
    public void PartialShuffle_CountOutsideTheItems_Throws()
    {
        var random = RandomSources.For(1, 0, 0, "x");
        Assert.Throws<ArgumentOutOfRangeException>(() => random.PartialShuffle(new int[3], 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => random.PartialShuffle(new int[3], -1));
    }

    private static ((int[] Items, ulong Position) Blocked, (int[] Items, ulong Position) Loop) Both(RandomKey key, int length, int count)
    {
        var blockedItems = Enumerable.Range(0, length).ToArray();
        var blocked = new CounterRandomSource(key);
        blocked.PartialShuffle(blockedItems.AsSpan(), count);

        var loopItems = Enumerable.Range(0, length).ToArray();
        var loop = new CounterRandomSource(key);
        for (var i = 0; i < count; i++)
        {
            var j = loop.NextInt(i, length);
            (loopItems[i], loopItems[j]) = (loopItems[j], loopItems[i]);
        }

        // The next draw after the shuffle is the same too.
        Assert.Equal(loop.NextUInt64(), blocked.NextUInt64());
        return ((blockedItems, blocked.Position), (loopItems, loop.Position));
    }
}
