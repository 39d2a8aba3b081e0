using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Crossovers;

/// <summary>
/// Cuts both parents at one uniform point in 1..Length−1 and swaps the tails. A one-gene genome cannot be cut:
/// its children are copies of the parents.
/// </summary>
/// <typeparam name="TGenome">Any linear genome.</typeparam>
public sealed class OnePointCrossover<TGenome> : ICrossover<TGenome>
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
        if (n >= 2)
        {
            takeFromOther.AsSpan(random.NextInt(1, n)).Fill(true);
        }

        return CrossoverGuard.Complementary(first, second, takeFromOther);
    }
}
