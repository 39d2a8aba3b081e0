namespace EvoPrune.Evolution.Cgp;

/// <summary>
/// The grid of a Cartesian GP program with one input (<c>x</c>) and one output: <see cref="Rows"/> ×
/// <see cref="Columns"/> nodes, each reading the input or nodes at most <see cref="LevelsBack"/> columns to its left.
/// Lapid and Sipper use 5 × 5 with levels-back 5.
/// </summary>
public sealed record CgpShape(int Rows = 5, int Columns = 5, int LevelsBack = 5)
{
    /// <summary>Most nodes a grid may have.</summary>
    public const int MaxNodes = 10_000;

    public int NodeCount => Rows * Columns;

    /// <summary>Genes: (function, first input, second input) per node, then the output address.</summary>
    public int GeneCount => (3 * NodeCount) + 1;

    /// <summary>Throws <see cref="ArgumentException"/> if the grid is empty or levels-back is below 1.</summary>
    public void Validate()
    {
        // The product in 64 bits: 65536 x 65536 overflows an int to 0 and would pass a 32-bit check.
        if (Rows < 1 || Columns < 1 || LevelsBack < 1 || (long)Rows * Columns > MaxNodes)
        {
            throw new ArgumentException($"A CGP grid needs rows, columns and levels-back >= 1 and at most {MaxNodes} nodes (got {Rows} x {Columns}, levels-back {LevelsBack}).");
        }
    }

    /// <summary>Column of node <paramref name="node"/> (nodes are numbered column by column).</summary>
    public int ColumnOf(int node) => node / Rows;

    /// <summary>
    /// Whether node <paramref name="node"/> may read <paramref name="address"/>: 0 is the input <c>x</c>, always
    /// allowed; address k is node k − 1, allowed when it lies 1 to LevelsBack columns to the left.
    /// </summary>
    public bool CanRead(int node, int address)
    {
        if (address == 0)
        {
            return true;
        }

        var from = address - 1;
        if (from < 0 || from >= NodeCount)
        {
            return false;
        }

        var gap = ColumnOf(node) - ColumnOf(from);
        return gap >= 1 && gap <= LevelsBack;
    }

    /// <summary>The addresses node <paramref name="node"/> may read, in increasing order.</summary>
    public IReadOnlyList<int> Readable(int node)
    {
        var result = new List<int> { 0 };
        var first = Math.Max(0, ColumnOf(node) - LevelsBack) * Rows;
        var end = ColumnOf(node) * Rows;
        for (var j = first; j < end; j++)
        {
            result.Add(j + 1);
        }

        return result;
    }
}
