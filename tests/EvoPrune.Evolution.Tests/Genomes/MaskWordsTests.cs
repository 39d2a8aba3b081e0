using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Genomes;

public sealed class MaskWordsTests
{
    [Theory]
    [InlineData(new[] { 300, 100, 10 }, 0.1)]
    [InlineData(new[] { 63, 1, 65, 130 }, 0.5)]
    [InlineData(new[] { 64, 64 }, 0.9)]
    public void BytesAndWords_RoundTrip_MatchMaskPacking(int[] layers, double density)
    {
        var layout = new MaskLayout(layers);
        var mask = new MaskGenomeFactory(layout, density).Create(RandomSources.For(3, 0, 0, "m"));
        var words = MaskWords.FromBytes(layout, mask.ToPackedBytes());
        Assert.Equal(mask.ToPackedWords(), words);
        Assert.Equal(mask.ToPackedBytes(), MaskWords.ToBytes(words, layout.TotalLength));
    }

    [Fact]
    public void FromBytes_WrongLengthOrPaddingSet_Throws()
    {
        var layout = new MaskLayout([10]);
        Assert.Throws<ArgumentException>(() => MaskWords.FromBytes(layout, new byte[3]));
        Assert.Throws<ArgumentException>(() => MaskWords.FromBytes(layout, [0, 0b100]));
    }

    [Theory]
    [InlineData(0, 300)]
    [InlineData(300, 100)]
    [InlineData(63, 2)]
    [InlineData(5, 1)]
    [InlineData(400, 10)]
    public void LayerRank_SelectsEveryKeptAndPrunedPositionInOrder(int start, int length)
    {
        var layout = new MaskLayout([410]);
        var mask = new MaskGenomeFactory(layout, 0.3).Create(RandomSources.For(5, 0, start, "m"));
        var words = mask.ToPackedWords();
        var rank = new MaskLayerRank(words, start, length);
        var kept = Enumerable.Range(0, length).Where(i => mask[start + i]).ToArray();
        var pruned = Enumerable.Range(0, length).Where(i => !mask[start + i]).ToArray();
        Assert.Equal(kept.Length, rank.Ones);
        Assert.Equal(kept.Length, MaskWords.Count(words, start, length));
        for (var k = 0; k < kept.Length; k++)
        {
            Assert.Equal(kept[k], rank.SelectOne(k));
        }

        for (var j = 0; j < pruned.Length; j++)
        {
            Assert.Equal(pruned[j], rank.SelectZero(j));
        }

        var word = 0;
        for (var k = 0; k < kept.Length; k++)
        {
            Assert.Equal(kept[k], rank.SelectOneAscending(k, ref word));
        }
    }

    [Theory]
    [InlineData(0.01, 1)]
    [InlineData(0.01, 3)]
    [InlineData(0.5, 7)]
    public void LayerRank_SelectOneAscending_SkippingRanksAndEmptyWords_MatchesSelectOne(double density, int step)
    {
        // Sparse masks leave whole words without a kept weight; the cursor must step over them as the search does.
        var layout = new MaskLayout([70, 2000, 30]);
        var mask = new MaskGenomeFactory(layout, density).Create(RandomSources.For(9, 0, step, "m"));
        var rank = new MaskLayerRank(mask.ToPackedWords(), layout.Offset(1), 2000);
        var word = 0;
        for (var k = step % 2; k < rank.Ones; k += step)
        {
            Assert.Equal(rank.SelectOne(k), rank.SelectOneAscending(k, ref word));
        }
    }
}
