using CsCheck;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Genomes;

public class MaskPackingTests
{
    [Fact]
    public void PackWords_AnyBits_RoundTrips() =>
        Gen.Bool.Array[0, 300].Sample(bits =>
        {
            var words = MaskPacking.PackWords(bits);

            Assert.Equal((bits.Length + 63) / 64, words.Length);
            Assert.Equal(bits, MaskPacking.UnpackWords(words, bits.Length));
        });

    [Fact]
    public void PackBytes_AnyBits_RoundTrips() =>
        Gen.Bool.Array[0, 300].Sample(bits =>
        {
            var bytes = MaskPacking.PackBytes(bits);

            Assert.Equal((bits.Length + 7) / 8, bytes.Length);
            Assert.Equal(bits, MaskPacking.UnpackBytes(bytes, bits.Length));
        });

    [Fact]
    public void MaskGenome_PackedWordsAndBytes_RoundTripWithLayoutAndId() =>
        Gens.Mask.Sample(mask =>
        {
            var fromWords = MaskGenome.FromPackedWords(mask.Layout, mask.ToPackedWords(), 17);
            var fromBytes = MaskGenome.FromPackedBytes(mask.Layout, mask.ToPackedBytes(), 18);

            Assert.True(fromWords.HasSameGenes(mask));
            Assert.True(fromBytes.HasSameGenes(mask));
            Assert.Equal(17, fromWords.Id);
            Assert.Equal(mask.KeptCount, fromBytes.KeptCount);
        });

    [Fact]
    public void PackWords_KnownBits_LeastSignificantBitFirst()
    {
        var bits = new bool[70];
        bits[0] = true;
        bits[3] = true;
        bits[64] = true;
        bits[69] = true;

        var words = MaskPacking.PackWords(bits);
        var bytes = MaskPacking.PackBytes(bits);

        Assert.Equal([0b1001UL, 0b100001UL], words);
        Assert.Equal(0b1001, bytes[0]);
        Assert.Equal(0b100001, bytes[8]);
    }

    [Fact]
    public void UnpackWords_PaddingBitSet_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => MaskPacking.UnpackWords([1UL << 10], 10));

        Assert.Contains("Padding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnpackBytes_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => MaskPacking.UnpackBytes(new byte[3], 10));
        Assert.Throws<ArgumentException>(() => MaskPacking.UnpackBytes(new byte[1] { 0b100 }, 2));
    }
}
