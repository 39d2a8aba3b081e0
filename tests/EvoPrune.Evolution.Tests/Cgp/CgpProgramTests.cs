using CsCheck;
using EvoPrune.Evolution.Cgp;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Cgp;

public class CgpProgramTests
{
    private static readonly CgpShape Grid = new();

    private static readonly Gen<CgpProgram> Programs = Gen.ULong.Select(seed => CgpProgram.Random(Grid, RandomSources.For(seed, 0, 0, "cgp-test")));

    // (x * x) at node 0, tanh(node 0) at node 5 (column 1), max(x, node 5) at node 10 (column 2); output node 10.
    private static CgpProgram HandBuilt()
    {
        var genes = new int[Grid.GeneCount];
        for (var node = 0; node < Grid.NodeCount; node++)
        {
            genes[3 * node] = 2; // add(x, x): inactive filler
        }

        genes[0] = 4;                         // node 0: mul(x, x)
        (genes[15], genes[16]) = (5, 1);      // node 5: tanh(node 0)
        (genes[30], genes[31], genes[32]) = (0, 0, 6); // node 10: max(x, node 5)
        genes[^1] = 11;
        return CgpProgram.FromGenes(Grid, genes);
    }

    [Theory]
    [InlineData("cgp:65536.65536.1:0")]
    [InlineData("cgp:100000.100000.1:0")]
    public void Parse_GridWhoseNodeCountOverflowsAnInt_ThrowsNamingTheLimit(string text) =>
        Assert.Contains("at most 10000 nodes", Assert.Throws<ArgumentException>(() => CgpProgram.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void Expression_HandBuiltProgram_IsTheFormulaOfItsActiveNodes()
    {
        var program = HandBuilt();

        Assert.Equal("max(x, tanh(x * x))", program.Expression);
        Assert.Equal([0, 5, 10], program.Active);
        Assert.Equal(Math.Max(0.3, Math.Tanh(0.09)), program.Evaluate(0.3), 12);
        Assert.Equal(Math.Tanh(4.0), program.Evaluate(-2.0), 12);
    }

    [Fact]
    public void Parse_Text_RoundTripsEveryRandomProgram()
    {
        Programs.Sample(p =>
        {
            var back = CgpProgram.Parse(p.Text);
            return back.Equals(p) && back.Expression == p.Expression && back.Genes.SequenceEqual(p.Genes);
        }, iter: 300);
    }

    [Theory]
    [InlineData("relu", "must start with 'cgp:'")]
    [InlineData("cgp:5.5:1,2", "expected cgp:ROWS.COLUMNS.LEVELSBACK:GENES")]
    [InlineData("cgp:5.5.5:1,2,3", "has 76 genes; got 3")]
    public void Parse_MalformedText_ThrowsNamingTheProblem(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => CgpProgram.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromGenes_InvalidGenes_ThrowNamingTheGene()
    {
        var genes = HandBuilt().Genes.ToArray();

        var badFunction = (int[])genes.Clone();
        badFunction[0] = 15;
        Assert.Contains("Gene 0 (node 0 function) is 15", Assert.Throws<ArgumentException>(() => CgpProgram.FromGenes(Grid, badFunction)).Message, StringComparison.Ordinal);

        // Node 0 (column 0) may only read x: node 5 lies to its right.
        var forward = (int[])genes.Clone();
        forward[1] = 6;
        Assert.Contains("Gene 1 (node 0 input 1) reads address 6", Assert.Throws<ArgumentException>(() => CgpProgram.FromGenes(Grid, forward)).Message, StringComparison.Ordinal);

        // Node 5 (column 1) may not read node 6 in its own column.
        var sameColumn = (int[])genes.Clone();
        sameColumn[16] = 7;
        Assert.Throws<ArgumentException>(() => CgpProgram.FromGenes(Grid, sameColumn));

        var badOutput = (int[])genes.Clone();
        badOutput[^1] = 26;
        Assert.Contains("output gene is 26", Assert.Throws<ArgumentException>(() => CgpProgram.FromGenes(Grid, badOutput)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LevelsBack_One_NodesReadOnlyTheInputOrThePreviousColumn()
    {
        var shape = new CgpShape(3, 4, 1);
        var random = RandomSources.For(7, 0, 0, "levels");
        for (var i = 0; i < 200; i++)
        {
            var program = CgpProgram.Random(shape, random);
            for (var node = 0; node < shape.NodeCount; node++)
            {
                foreach (var address in program.Genes.Skip((3 * node) + 1).Take(2).Where(a => a > 0))
                {
                    Assert.Equal(shape.ColumnOf(node) - 1, shape.ColumnOf(address - 1));
                }
            }
        }
    }

    [Fact]
    public void Mutate_UntilActive_ChangesAnActiveGeneAndStaysValid()
    {
        Gen.Select(Programs, Gen.ULong).Sample((parent, seed) =>
        {
            var child = parent.Mutate(RandomSources.For(seed, 1, 0, "mutate"));
            var changed = Enumerable.Range(0, parent.Genes.Count).Where(i => parent.Genes[i] != child.Genes[i]).ToArray();
            var activeGenes = parent.Active.SelectMany(n => new[] { 3 * n, (3 * n) + 1, (3 * n) + 2 }).Append(parent.Genes.Count - 1).ToHashSet();
            return changed.Length >= 1 && changed.Any(activeGenes.Contains) && CgpProgram.Parse(child.Text).Equals(child);
        }, iter: 300);
    }

    [Fact]
    public void Mutate_PointMutation_ChangesExactlyOneGene()
    {
        Gen.Select(Programs, Gen.ULong).Sample((parent, seed) =>
        {
            var child = parent.Mutate(RandomSources.For(seed, 1, 0, "mutate"), untilActive: false);
            return Enumerable.Range(0, parent.Genes.Count).Count(i => parent.Genes[i] != child.Genes[i]) == 1;
        }, iter: 300);
    }

    [Fact]
    public void Random_SameKey_SameProgram_DifferentKey_DifferentProgram()
    {
        var a = CgpProgram.Random(Grid, RandomSources.For(3, 2, 1, "initial"));
        var b = CgpProgram.Random(Grid, RandomSources.For(3, 2, 1, "initial"));
        var c = CgpProgram.Random(Grid, RandomSources.For(3, 2, 2, "initial"));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }
}
