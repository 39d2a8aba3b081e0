using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Tests.Genomes;

public class NumericGenomeTests
{
    private static readonly GeneBounds<double> UnitBox = new(3, 0.0, 1.0);

    [Fact]
    public void RealGenome_GeneOutsideBounds_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new RealGenome([0.5, 1.5, 0.0], UnitBox));

        Assert.Contains("Gene 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RealGenome_NonFiniteGene_Throws(double gene) =>
        Assert.Throws<ArgumentException>(() => new RealGenome([0.0, gene]));

    [Fact]
    public void RealGenome_NoGenesOrBoundsOfOtherLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RealGenome([]));
        Assert.Throws<ArgumentException>(() => new RealGenome([0.5, 0.5], UnitBox));
    }

    [Fact]
    public void Clone_NewId_SharesGenesAndBounds()
    {
        var genome = new RealGenome([0.1, 0.2, 0.3], UnitBox, id: 4);

        var clone = genome.Clone(8);

        Assert.Equal(8, clone.Id);
        Assert.Same(genome.Bounds, clone.Bounds);
        Assert.True(clone.HasSameGenes(genome));
    }

    [Fact]
    public void HasSameGenes_SameGenesOtherBounds_False()
    {
        var a = new RealGenome([0.1, 0.2, 0.3], UnitBox);
        var b = new RealGenome([0.1, 0.2, 0.3], new GeneBounds<double>(3, 0.0, 2.0));

        Assert.False(a.HasSameGenes(b));
        Assert.Throws<ArgumentException>(() => a.Recombine(b, new bool[3]));
    }

    [Fact]
    public void Permute_PerGeneBounds_ClampsIntoTheNewPosition()
    {
        var bounds = new GeneBounds<int>([0, 10], [5, 20]);
        var genome = new IntegerGenome([5, 20], bounds);

        var swapped = genome.Permute([1, 0]);

        // 20 moves to a gene limited to [0, 5] and 5 to one limited to [10, 20].
        Assert.Equal([5, 10], swapped.Genes.ToArray());
    }

    [Fact]
    public void Recombine_Flags_TakesFlaggedGenesFromOther()
    {
        var a = new IntegerGenome([1, 2, 3]);
        var b = new IntegerGenome([7, 8, 9]);

        var child = a.Recombine(b, [true, false, true]);

        Assert.Equal([7, 2, 9], child.Genes.ToArray());
    }

    [Fact]
    public void GeneBounds_LowerAboveUpperOrNotFinite_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GeneBounds<double>([0.0, 2.0], [1.0, 1.0]));
        Assert.Throws<ArgumentException>(() => new GeneBounds<double>([double.NegativeInfinity], [1.0]));
        Assert.Throws<ArgumentException>(() => new GeneBounds<int>([0, 0], [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GeneBounds<int>(0, 0, 1));
    }

    [Fact]
    public void GeneBounds_ClampAndContains_UseInclusiveLimits()
    {
        var bounds = new GeneBounds<double>([-1.0, 0.0], [1.0, 0.0]);

        Assert.True(bounds.Contains(0, 1.0));
        Assert.False(bounds.Contains(0, 1.0000001));
        Assert.Equal(-1.0, bounds.Clamp(0, -3.0));
        Assert.Equal(0.0, bounds.Clamp(1, 5.0));
        Assert.Equal(new GeneBounds<double>([-1.0, 0.0], [1.0, 0.0]), bounds);
    }
}
