using System.Globalization;
using System.Text;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Cgp;

/// <summary>
/// A Cartesian GP program of one variable: a fixed grid of nodes, each applying a primitive of
/// <see cref="CgpPrimitives"/> to the input or to earlier nodes, and an output gene naming the node whose value is
/// the result. Only the nodes the output reaches are active; the rest are neutral material for mutation. Immutable;
/// <see cref="Text"/> (<c>cgp:R.C.L:genes</c>) is the form genomes and configs carry, <see cref="Expression"/> the
/// readable one (e.g. <c>max(tanh(x), (x * x))</c>).
/// </summary>
public sealed class CgpProgram : IEquatable<CgpProgram>
{
    public const string Prefix = "cgp:";

    private readonly int[] _genes;

    private CgpProgram(CgpShape shape, int[] genes)
    {
        Shape = shape;
        _genes = genes;
        Active = FindActive();
        Expression = Print(OutputAddress);
        Text = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{shape.Rows}.{shape.Columns}.{shape.LevelsBack}:{string.Join(',', genes)}");
    }

    public CgpShape Shape { get; }

    /// <summary>The genes: (function, input, input) per node, then the output address.</summary>
    public IReadOnlyList<int> Genes => _genes;

    /// <summary>The address the output reads (0: the input itself; k: node k − 1).</summary>
    public int OutputAddress => _genes[^1];

    /// <summary>The nodes the output depends on, in evaluation order.</summary>
    public IReadOnlyList<int> Active { get; }

    /// <summary>The program as a formula in <c>x</c>.</summary>
    public string Expression { get; }

    /// <summary>The exact, parseable form: <c>cgp:rows.columns.levelsBack:gene,gene,...</c>.</summary>
    public string Text { get; }

    /// <summary>Builds a program from its genes; throws <see cref="ArgumentException"/> naming the first invalid gene.</summary>
    public static CgpProgram FromGenes(CgpShape shape, IReadOnlyList<int> genes)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(genes);
        shape.Validate();
        if (genes.Count != shape.GeneCount)
        {
            throw new ArgumentException($"A {shape.Rows}x{shape.Columns} CGP program has {shape.GeneCount} genes; got {genes.Count}.", nameof(genes));
        }

        for (var node = 0; node < shape.NodeCount; node++)
        {
            var function = genes[3 * node];
            if (function < 0 || function >= CgpPrimitives.All.Count)
            {
                throw new ArgumentException($"Gene {3 * node} (node {node} function) is {function}; primitives are numbered 0..{CgpPrimitives.All.Count - 1}.", nameof(genes));
            }

            for (var k = 1; k <= 2; k++)
            {
                var address = genes[(3 * node) + k];
                if (!shape.CanRead(node, address))
                {
                    throw new ArgumentException($"Gene {(3 * node) + k} (node {node} input {k}) reads address {address}, which is not the input (0) or a node 1..{shape.LevelsBack} columns to its left.", nameof(genes));
                }
            }
        }

        var output = genes[^1];
        if (output < 0 || output > shape.NodeCount)
        {
            throw new ArgumentException($"The output gene is {output}; it must be an address 0..{shape.NodeCount}.", nameof(genes));
        }

        return new CgpProgram(shape, [.. genes]);
    }

    /// <summary>Parses <see cref="Text"/>; errors say which part is wrong.</summary>
    public static CgpProgram Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{Shorten(text)}' is not a CGP program: it must start with '{Prefix}'.", nameof(text));
        }

        var parts = text[Prefix.Length..].Split(':');
        var dims = parts[0].Split('.');
        if (parts.Length != 2 || dims.Length != 3 || !dims.All(d => int.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new ArgumentException($"'{Shorten(text)}' is not a CGP program: expected cgp:ROWS.COLUMNS.LEVELSBACK:GENES.", nameof(text));
        }

        var shape = new CgpShape(Int(dims[0]), Int(dims[1]), Int(dims[2]));
        var genes = parts[1].Split(',');
        var values = new int[genes.Length];
        for (var i = 0; i < genes.Length; i++)
        {
            if (!int.TryParse(genes[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new ArgumentException($"'{Shorten(text)}': gene {i} ('{genes[i]}') is not an integer.", nameof(text));
            }
        }

        return FromGenes(shape, values);
    }

    /// <summary>True if <paramref name="text"/> starts like a CGP program (it may still fail to parse).</summary>
    public static bool LooksLikeProgram(string? text) => text?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    /// <summary>A uniformly random program: every gene drawn from its valid values.</summary>
    public static CgpProgram Random(CgpShape shape, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(random);
        shape.Validate();
        var genes = new int[shape.GeneCount];
        for (var i = 0; i < genes.Length; i++)
        {
            genes[i] = DrawGene(shape, i, random);
        }

        return new CgpProgram(shape, genes);
    }

    /// <summary>
    /// Point mutation: redraws one uniformly chosen gene to a different valid value. With
    /// <paramref name="untilActive"/>, repeats on the same copy until an active gene (one the output reaches) has
    /// changed, so the child differs from its parent as a function (Goldman and Punch's "single" mutation);
    /// without it, this is the plain point mutation of the <c>cartesian</c> package, which may be neutral.
    /// </summary>
    public CgpProgram Mutate(IRandomSource random, bool untilActive = true)
    {
        ArgumentNullException.ThrowIfNull(random);
        var genes = (int[])_genes.Clone();
        var activeGenes = ActiveGeneSet();
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var i = random.NextInt(genes.Length);
            var value = DrawGene(Shape, i, random);
            if (value == genes[i])
            {
                continue;
            }

            genes[i] = value;
            if (!untilActive || activeGenes.Contains(i))
            {
                break;
            }
        }

        return new CgpProgram(Shape, genes);
    }

    /// <summary>The program on one number, with the primitives' reference semantics.</summary>
    public double Evaluate(double x)
    {
        var values = new double[Shape.NodeCount + 1];
        values[0] = x;
        foreach (var node in Active)
        {
            var primitive = CgpPrimitives.All[_genes[3 * node]];
            values[node + 1] = primitive.Scalar(values[_genes[(3 * node) + 1]], values[_genes[(3 * node) + 2]]);
        }

        return values[OutputAddress];
    }

    public bool Equals(CgpProgram? other) => other is not null && other.Text == Text;

    public override bool Equals(object? obj) => Equals(obj as CgpProgram);

    public override int GetHashCode() => Text.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Expression;

    private static int Int(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static int DrawGene(CgpShape shape, int gene, IRandomSource random)
    {
        if (gene == shape.GeneCount - 1)
        {
            return random.NextInt(1, shape.NodeCount + 1);
        }

        var node = gene / 3;
        if (gene % 3 == 0)
        {
            return random.NextInt(CgpPrimitives.All.Count);
        }

        var readable = shape.Readable(node);
        return readable[random.NextInt(readable.Count)];
    }

    // Nodes reachable from the output, sorted so inputs come before the nodes that read them.
    private int[] FindActive()
    {
        var active = new SortedSet<int>();
        var stack = new Stack<int>();
        if (OutputAddress > 0)
        {
            stack.Push(OutputAddress - 1);
        }

        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!active.Add(node))
            {
                continue;
            }

            var arity = CgpPrimitives.All[_genes[3 * node]].Arity;
            for (var k = 1; k <= arity; k++)
            {
                var address = _genes[(3 * node) + k];
                if (address > 0)
                {
                    stack.Push(address - 1);
                }
            }
        }

        return [.. active];
    }

    // Genes whose change alters the function: the output gene, and the function and used inputs of active nodes.
    private HashSet<int> ActiveGeneSet()
    {
        var set = new HashSet<int> { _genes.Length - 1 };
        foreach (var node in Active)
        {
            set.Add(3 * node);
            set.Add((3 * node) + 1);
            if (CgpPrimitives.All[_genes[3 * node]].Arity == 2)
            {
                set.Add((3 * node) + 2);
            }
        }

        return set;
    }

    private string Print(int address)
    {
        var builder = new StringBuilder();
        Write(builder, address, top: true);
        return builder.ToString();
    }

    private void Write(StringBuilder builder, int address, bool top)
    {
        if (address == 0)
        {
            builder.Append('x');
            return;
        }

        var node = address - 1;
        var primitive = CgpPrimitives.All[_genes[3 * node]];
        var a = _genes[(3 * node) + 1];
        var b = _genes[(3 * node) + 2];
        if (primitive.Infix is { } symbol)
        {
            builder.Append(top ? string.Empty : "(");
            Write(builder, a, top: false);
            builder.Append(' ').Append(symbol).Append(' ');
            Write(builder, b, top: false);
            builder.Append(top ? string.Empty : ")");
            return;
        }

        builder.Append(primitive.Name).Append('(');
        Write(builder, a, top: true);
        if (primitive.Arity == 2)
        {
            builder.Append(", ");
            Write(builder, b, top: true);
        }

        builder.Append(')');
    }
}
