using System.Globalization;
using System.Text;
using EvoPrune.Evolution.Neat;
using SkiaSharp;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// Draws a NEAT genome's network: as Graphviz DOT text (every gene, disabled ones dashed) and as a PNG laid out in
/// columns by depth (inputs and bias on the left, outputs on the right, hidden nodes at their longest-path depth from
/// the inputs; hidden columns staggered by half a row). Enabled links are drawn blue when positive and red when negative, wider as |weight| grows; recurrent
/// links (those that close a cycle) are drawn as arcs; disabled links are left out of the PNG.
/// </summary>
public static class NeatDrawing
{
    public const int Margin = 30;
    public const int ColumnGap = 140;
    public const int RowGap = 44;
    public const int NodeRadius = 12;

    public static readonly SKColor Background = SKColors.White;
    public static readonly SKColor InputColor = new(120, 180, 240);
    public static readonly SKColor BiasColor = new(170, 170, 170);
    public static readonly SKColor HiddenColor = new(250, 220, 90);
    public static readonly SKColor OutputColor = new(240, 140, 60);
    public static readonly SKColor Positive = new(30, 90, 210);
    public static readonly SKColor Negative = new(210, 40, 40);

    /// <summary>Where each node goes, the picture's size, and which enabled links are recurrent.</summary>
    public sealed record Layout(IReadOnlyDictionary<int, SKPoint> Positions, int Width, int Height, IReadOnlySet<long> Recurrent);

    /// <summary>The fill colour of a node of <paramref name="type"/>.</summary>
    public static SKColor ColorOf(NodeType type) => type switch
    {
        NodeType.Input => InputColor,
        NodeType.Bias => BiasColor,
        NodeType.Hidden => HiddenColor,
        _ => OutputColor,
    };

    /// <summary>Places the nodes of <paramref name="genome"/> in columns by depth over its enabled links.</summary>
    public static Layout Arrange(NeatGenome genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var enabled = genome.Connections.Where(c => c.Enabled).ToArray();
        var recurrent = FindRecurrent(genome, enabled);
        var depth = genome.Nodes.ToDictionary(n => n.Id, _ => 0);

        // Longest path over the forward (acyclic) links, relaxed in topological order.
        var forward = enabled.Where(c => !recurrent.Contains(c.Innovation)).ToArray();
        var indegree = genome.Nodes.ToDictionary(n => n.Id, _ => 0);
        foreach (var c in forward)
        {
            indegree[c.Target]++;
        }

        var ready = new Queue<int>(genome.Nodes.Where(n => indegree[n.Id] == 0).Select(n => n.Id));
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            foreach (var c in forward.Where(c => c.Source == node))
            {
                depth[c.Target] = Math.Max(depth[c.Target], depth[node] + 1);
                if (--indegree[c.Target] == 0)
                {
                    ready.Enqueue(c.Target);
                }
            }
        }

        var hidden = genome.Nodes.Where(n => n.Type == NodeType.Hidden).ToArray();
        foreach (var n in hidden)
        {
            depth[n.Id] = Math.Max(1, depth[n.Id]);
        }

        var outputColumn = 1 + (hidden.Length == 0 ? 0 : hidden.Max(n => depth[n.Id]));
        foreach (var n in genome.Nodes)
        {
            depth[n.Id] = n.Type switch
            {
                NodeType.Input or NodeType.Bias => 0,
                NodeType.Output => outputColumn,
                _ => depth[n.Id],
            };
        }

        var columns = genome.Nodes.GroupBy(n => depth[n.Id]).ToDictionary(g => g.Key, g => g.Select(n => n.Id).OrderBy(id => id).ToArray());
        var rows = columns.Values.Max(c => c.Length);
        // Hidden columns sit half a row lower or higher in turn, so a straight link across several columns does not run
        // through the centres of the nodes between (the picture has half a row of room above and below for that).
        var height = (2 * Margin) + (rows * RowGap);
        var positions = new Dictionary<int, SKPoint>();
        foreach (var (column, ids) in columns)
        {
            var stagger = column == 0 || column == outputColumn ? 0f : (column % 2 == 1 ? 0.5f : -0.5f) * RowGap;
            var top = Margin + (RowGap / 2f) + ((rows - ids.Length) * RowGap / 2f) + stagger;
            for (var i = 0; i < ids.Length; i++)
            {
                positions[ids[i]] = new SKPoint(Margin + (column * ColumnGap), top + (i * RowGap));
            }
        }

        return new Layout(positions, (2 * Margin) + (outputColumn * ColumnGap), height, recurrent);
    }

    /// <summary>The genome as a Graphviz digraph (left to right, inputs and outputs ranked together).</summary>
    public static string ToDot(NeatGenome genome, string name = "genome")
    {
        ArgumentNullException.ThrowIfNull(genome);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"digraph \"{name}\" {{\n  rankdir=LR;\n  node [shape=circle, style=filled, fontsize=10];\n");
        foreach (var n in genome.Nodes)
        {
            var label = n.Type switch
            {
                NodeType.Input => string.Create(CultureInfo.InvariantCulture, $"in{n.Id}"),
                NodeType.Bias => "bias",
                NodeType.Output => string.Create(CultureInfo.InvariantCulture, $"out{n.Id - genome.InputCount - 1}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"h{n.Id}"),
            };
            s.Append(CultureInfo.InvariantCulture, $"  n{n.Id} [label=\"{label}\", fillcolor=\"{Hex(ColorOf(n.Type))}\"];\n");
        }

        s.Append("  { rank=source; ").AppendJoin(" ", genome.Nodes.Where(n => n.Type is NodeType.Input or NodeType.Bias).Select(n => $"n{n.Id};")).Append(" }\n");
        s.Append("  { rank=sink; ").AppendJoin(" ", genome.Nodes.Where(n => n.Type == NodeType.Output).Select(n => $"n{n.Id};")).Append(" }\n");
        foreach (var c in genome.Connections)
        {
            var color = c.Enabled ? Hex(c.Weight >= 0 ? Positive : Negative) : "#999999";
            var style = c.Enabled ? "solid" : "dashed";
            var width = c.Enabled ? PenWidth(c.Weight) : 1f;
            s.Append(CultureInfo.InvariantCulture, $"  n{c.Source} -> n{c.Target} [label=\"{c.Weight:0.###}\", color=\"{color}\", style={style}, penwidth={width:0.##}, tooltip=\"innovation {c.Innovation}\"];\n");
        }

        return s.Append("}\n").ToString();
    }

    /// <summary>Writes the genome's picture (size from <see cref="Arrange"/>) as a PNG.</summary>
    public static Layout SavePng(NeatGenome genome, string path)
    {
        var layout = Arrange(genome);
        using var bitmap = new SKBitmap(layout.Width, layout.Height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(Background);
            foreach (var c in genome.Connections.Where(c => c.Enabled))
            {
                using var pen = new SKPaint { Color = c.Weight >= 0 ? Positive : Negative, StrokeWidth = PenWidth(c.Weight), IsAntialias = true, Style = SKPaintStyle.Stroke };
                var from = layout.Positions[c.Source];
                var to = layout.Positions[c.Target];
                if (!layout.Recurrent.Contains(c.Innovation))
                {
                    canvas.DrawLine(from, to, pen);
                }
                else if (c.Source == c.Target)
                {
                    canvas.DrawCircle(from.X, from.Y - (1.6f * NodeRadius), 0.9f * NodeRadius, pen);
                }
                else
                {
                    using var arc = new SKPath();
                    arc.MoveTo(from);
                    arc.QuadTo((from.X + to.X) / 2, Math.Min(from.Y, to.Y) - (RowGap * 0.8f), to.X, to.Y);
                    canvas.DrawPath(arc, pen);
                }
            }

            using var outline = new SKPaint { Color = SKColors.Black, StrokeWidth = 1.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
            foreach (var n in genome.Nodes)
            {
                using var fill = new SKPaint { Color = ColorOf(n.Type), IsAntialias = true, Style = SKPaintStyle.Fill };
                var p = layout.Positions[n.Id];
                canvas.DrawCircle(p, NodeRadius, fill);
                canvas.DrawCircle(p, NodeRadius, outline);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
        return layout;
    }

    /// <summary>Stroke width for a link of <paramref name="weight"/>: 1 px, up to 6 px at |weight| ≥ 8.</summary>
    public static float PenWidth(double weight) => 1f + (5f * (float)Math.Min(Math.Abs(weight), 8.0) / 8f);

    /// <summary>
    /// Enabled links that close a cycle: back edges of a depth-first search started from the inputs and bias (then any
    /// node not yet reached), so a feed-forward genome has none.
    /// </summary>
    private static HashSet<long> FindRecurrent(NeatGenome genome, ConnectionGene[] enabled)
    {
        var recurrent = new HashSet<long>();
        var state = genome.Nodes.ToDictionary(n => n.Id, _ => 0); // 0 new, 1 on the stack, 2 done
        var outgoing = enabled.ToLookup(c => c.Source);
        var starts = genome.Nodes.OrderBy(n => n.Type is NodeType.Input or NodeType.Bias ? 0 : 1).ThenBy(n => n.Id).Select(n => n.Id);
        foreach (var start in starts)
        {
            if (state[start] != 0)
            {
                continue;
            }

            var stack = new Stack<(int Node, IEnumerator<ConnectionGene> Links)>();
            state[start] = 1;
            stack.Push((start, outgoing[start].OrderBy(c => c.Innovation).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (node, links) = stack.Peek();
                if (!links.MoveNext())
                {
                    links.Dispose();
                    state[node] = 2;
                    stack.Pop();
                    continue;
                }

                var c = links.Current;
                if (state[c.Target] == 1)
                {
                    recurrent.Add(c.Innovation);
                }
                else if (state[c.Target] == 0)
                {
                    state[c.Target] = 1;
                    stack.Push((c.Target, outgoing[c.Target].OrderBy(l => l.Innovation).GetEnumerator()));
                }
            }
        }

        return recurrent;
    }

    private static string Hex(SKColor c) => string.Create(CultureInfo.InvariantCulture, $"#{c.Red:x2}{c.Green:x2}{c.Blue:x2}");
}
