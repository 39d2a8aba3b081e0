using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Crossovers;

/// <summary>
/// Cuts both parents at two distinct points a &lt; b drawn uniformly from 1..Length−1 and swaps the middle segment
/// [a, b). Two-gene genomes fall back to the single possible cut; one-gene genomes are copied.
/// </summary>
/// <typeparam name="TGenome">Any linear genome.</typeparam>
public sealed class TwoPointCrossover<TGenome> : ICrossover<TGenome>
    where TGenome : class, ILinearGenome<TGenome>
{
    /// <inheritdoc />
    public int ParentsCount => 2;

    /// <inheritdoc />
    public int ChildrenCount => 2;

    /// <inheritdoc />
    public IReadOnlyList<TGenome> Cross(IReadOnlyList<TGenome> parents, IRandomSource random)
    {
        var (first, second) = CrossoverGuard.TwoParents(parents, random);
        var n = first.Length;
        var takeFromOther = new bool[n];
        if (n == 2)
        {
            takeFromOther[1] = true;
        }
        else if (n >= 3)
        {
            // Two distinct cut points, uniform over pairs: draw the second from one slot fewer and skip over the first.
            var a = random.NextInt(1, n);
            var b = random.NextInt(1, n - 1);
            if (b >= a)
            {
                b++;
            }

            takeFromOther.AsSpan(Math.Min(a, b), Math.Abs(b - a)).Fill(true);
        }

        return CrossoverGuard.Complementary(first, second, takeFromOther);
    }
}
