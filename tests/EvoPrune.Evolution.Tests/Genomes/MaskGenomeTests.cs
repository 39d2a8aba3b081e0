using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Tests.Genomes;

public class MaskGenomeTests
{
    private static readonly bool[] Bits = [true, false, true, /* layer 1: */ false, false, false, true, /* layer 2: */ true];

    [Fact]
    public void Constructor_Bits_CountsKeptPerLayerAndDensity()
    {
        var mask = new MaskGenome([3, 4, 1], Bits, id: 5);

        Assert.Equal(5, mask.Id);
        Assert.Equal(8, mask.Length);
        Assert.Equal(4, mask.KeptCount);
        Assert.Equal(0.5, mask.Density);
        Assert.Equal([2, 1, 1], Enumerable.Range(0, 3).Select(mask.LayerKeptCount));
        Assert.Equal(0.25, mask.LayerDensity(1));
        Assert.Equal([false, false, false, true], mask.LayerBits(1).ToArray());
    }

    [Fact]
    public void Constructor_CallerChangesItsArray_MaskUnchanged()
    {
        var bits = (bool[])Bits.Clone();
        var mask = new MaskGenome([3, 4, 1], bits);

        bits[1] = true;

        Assert.False(mask[1]);
    }

    [Fact]
    public void Constructor_WrongBitCount_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new MaskGenome([3, 4], Bits));

        Assert.Equal("bits", error.ParamName);
    }

    [Fact]
    public void Clone_NewId_SameGenesOtherIdentity()
    {
        var mask = new MaskGenome([3, 4, 1], Bits, id: 1);

        var clone = mask.Clone(9);

        Assert.Equal(9, clone.Id);
        Assert.Equal(1, mask.Id);
        Assert.True(clone.HasSameGenes(mask));
        Assert.Equal(mask.KeptCount, clone.KeptCount);
    }

    [Fact]
    public void HasSameGenes_DifferentLayoutSameBits_False()
    {
        var a = new MaskGenome([3, 4, 1], Bits);
        var b = new MaskGenome([4, 4], Bits);

        Assert.False(a.HasSameGenes(b));
        Assert.False(a.IsCompatibleWith(b));
        Assert.Throws<ArgumentException>(() => a.Recombine(b, new bool[8]));
    }

    [Fact]
    public void Recombine_Flags_TakesFlaggedPositionsFromOther()
    {
        var a = new MaskGenome([2, 2], [true, true, true, true], id: 3);
        var b = new MaskGenome([2, 2], [false, false, false, false], id: 4);

        var child = a.Recombine(b, [false, true, true, false]);

        Assert.Equal([true, false, false, true], child.Bits.ToArray());
        Assert.Equal(0, child.Id);
    }

    [Fact]
    public void Permute_Permutation_MovesBits()
    {
        var mask = new MaskGenome([2, 2], [true, false, false, false]);

        var moved = mask.Permute([1, 2, 3, 0]);

        Assert.Equal([false, false, false, true], moved.Bits.ToArray());
        Assert.Equal([1, 0], new[] { mask.LayerKeptCount(0), moved.LayerKeptCount(0) });
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2 })]
    [InlineData(new[] { 0, 1, 2, 2 })]
    [InlineData(new[] { 0, 1, 2, 4 })]
    public void Permute_NotAPermutation_Throws(int[] indices)
    {
        var mask = new MaskGenome([2, 2], [true, false, false, false]);

        Assert.Throws<ArgumentException>(() => mask.Permute(indices));
    }
}
