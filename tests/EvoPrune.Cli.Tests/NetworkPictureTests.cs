using System.Collections.Immutable;
using EvoPrune.Cli.Inspection;
using EvoPrune.Evolution.Neat;
using SkiaSharp;

namespace EvoPrune.Cli.Tests;

public class NetworkPictureTests
{
    // 2 inputs (0, 1), bias 2, output 3, hidden 4: in0 -> h4 (+2), h4 -> out3 (-3), in1 -> out3 (+1), in0 -> out3 disabled.
    private static NeatGenome SmallNetwork(bool withRecurrentLink = false)
    {
        var nodes = ImmutableArray.Create(
            new NodeGene(0, NodeType.Input), new NodeGene(1, NodeType.Input), new NodeGene(2, NodeType.Bias),
            new NodeGene(3, NodeType.Output), new NodeGene(4, NodeType.Hidden));
        var links = ImmutableArray.CreateBuilder<ConnectionGene>();
        links.Add(new ConnectionGene(1, 0, 3, 0.5, false));
        links.Add(new ConnectionGene(2, 1, 3, 1.0, true));
        links.Add(new ConnectionGene(3, 0, 4, 2.0, true));
        links.Add(new ConnectionGene(4, 4, 3, -3.0, true));
        if (withRecurrentLink)
        {
            links.Add(new ConnectionGene(5, 3, 4, 0.7, true));
        }

        return new NeatGenome(2, 1, nodes, links.ToImmutable());
    }

    [Fact]
    public void Arrange_HiddenNodeBetweenInputsAndOutputs_PlacesColumnsByDepth()
    {
        var layout = NeatDrawing.Arrange(SmallNetwork());

        Assert.Equal(layout.Positions[0].X, layout.Positions[2].X);
        Assert.Equal(NeatDrawing.Margin + NeatDrawing.ColumnGap, layout.Positions[4].X);
        Assert.Equal(NeatDrawing.Margin + (2 * NeatDrawing.ColumnGap), layout.Positions[3].X);
        Assert.Equal((2 * NeatDrawing.Margin) + (2 * NeatDrawing.ColumnGap), layout.Width);
        Assert.Equal((2 * NeatDrawing.Margin) + (3 * NeatDrawing.RowGap), layout.Height);
        Assert.Equal(layout.Positions[1].Y, layout.Positions[3].Y);
        Assert.Equal(layout.Positions[1].Y + (NeatDrawing.RowGap / 2f), layout.Positions[4].Y);
        Assert.Empty(layout.Recurrent);
    }

    [Fact]
    public void Arrange_LinkBackFromTheOutput_IsMarkedRecurrentAndDoesNotMoveTheColumns()
    {
        var layout = NeatDrawing.Arrange(SmallNetwork(withRecurrentLink: true));

        Assert.Equal([5L], layout.Recurrent);
        Assert.True(layout.Positions[3].X > layout.Positions[4].X);
    }

    [Fact]
    public void SavePng_KnownNetwork_NodesAndLinksHaveTheirColoursAtTheirPlaces()
    {
        var genome = SmallNetwork();
        var path = Path.Combine(Path.GetTempPath(), $"net-{Guid.NewGuid():N}.png");
        var layout = NeatDrawing.SavePng(genome, path);
        using var bitmap = SKBitmap.Decode(path);
        File.Delete(path);

        Assert.Equal((layout.Width, layout.Height), (bitmap.Width, bitmap.Height));
        Assert.Equal(NeatDrawing.InputColor, Pixel(bitmap, layout.Positions[0]));
        Assert.Equal(NeatDrawing.BiasColor, Pixel(bitmap, layout.Positions[2]));
        Assert.Equal(NeatDrawing.OutputColor, Pixel(bitmap, layout.Positions[3]));
        Assert.Equal(NeatDrawing.HiddenColor, Pixel(bitmap, layout.Positions[4]));
        AssertBlue(Pixel(bitmap, Middle(layout.Positions[0], layout.Positions[4])));
        AssertRed(Pixel(bitmap, Middle(layout.Positions[4], layout.Positions[3])));
        // in1 -> out3 runs straight through the hidden node's row: look a quarter of the way along it.
        AssertBlue(Pixel(bitmap, Middle(layout.Positions[1], Middle(layout.Positions[1], layout.Positions[3]))));
        Assert.Equal(NeatDrawing.Background, Pixel(bitmap, Middle(layout.Positions[2], Middle(layout.Positions[2], layout.Positions[3])))); // bias has no link
    }

    [Fact]
    public void ToDot_KnownNetwork_ListsEveryGeneWithDisabledOnesDashed()
    {
        var dot = NeatDrawing.ToDot(SmallNetwork(), "g7");

        Assert.StartsWith("digraph \"g7\" {", dot, StringComparison.Ordinal);
        Assert.Contains("n4 [label=\"h4\"", dot, StringComparison.Ordinal);
        Assert.Contains("n3 [label=\"out0\"", dot, StringComparison.Ordinal);
        Assert.Contains("n0 -> n3 [label=\"0.5\", color=\"#999999\", style=dashed", dot, StringComparison.Ordinal);
        Assert.Contains("n4 -> n3 [label=\"-3\", color=\"#d22828\", style=solid", dot, StringComparison.Ordinal);
        Assert.Equal(4, dot.Split("->").Length - 1);
        Assert.EndsWith("}\n", dot, StringComparison.Ordinal);
    }

    [Fact]
    public void MembershipPicture_KnownMembership_FillsExactlyTheMemberCells()
    {
        bool[][] membership = [[true, false, true], [false, false, true]];
        var path = Path.Combine(Path.GetTempPath(), $"members-{Guid.NewGuid():N}.png");
        MembershipPicture.Save(membership, 4, path);
        using var bitmap = SKBitmap.Decode(path);
        File.Delete(path);

        Assert.Equal(MembershipPicture.Size(2, 3, 4), (bitmap.Width, bitmap.Height));
        Assert.Equal((16, 11), (bitmap.Width, bitmap.Height));
        for (var row = 0; row < 2; row++)
        {
            for (var column = 0; column < 3; column++)
            {
                var expected = membership[row][column] ? MembershipPicture.Member : MembershipPicture.NotMember;
                Assert.Equal(expected, bitmap.GetPixel(1 + (column * 5) + 2, 1 + (row * 5) + 2));
            }
        }

        Assert.Equal(MembershipPicture.Border, bitmap.GetPixel(5, 3));
    }

    // Links are antialiased, so a pixel on a thin one is the link's colour blended with white: check which hue it has.
    private static void AssertBlue(SKColor c) => Assert.True(c.Blue > 150 && c.Red < c.Blue - 60, $"expected a blue (positive) link pixel, got {c}");

    private static void AssertRed(SKColor c) => Assert.True(c.Red > 150 && c.Blue < c.Red - 60, $"expected a red (negative) link pixel, got {c}");

    private static SKPoint Middle(SKPoint a, SKPoint b) => new((a.X + b.X) / 2, (a.Y + b.Y) / 2);

    private static SKColor Pixel(SKBitmap bitmap, SKPoint p) => bitmap.GetPixel((int)Math.Round(p.X), (int)Math.Round(p.Y));
}
