using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Crossovers;

/// <summary>
/// Each position independently comes from the other parent with probability <see cref="MixProbability"/>; the
/// second child is the mirror image of the first, so together the children hold exactly the parents' genes.
/// </summary>
/// <typeparam name="TGenome">Any linear genome.</typeparam>
public sealed class UniformCrossover<TGenome> : ICrossover<TGenome>
    where TGenome : class, ILinearGenome<TGenome>
{
    /// <summary>Creates a uniform crossover that swaps each position with probability <paramref name="mixProbability"/>.</summary>
    public UniformCrossover(double mixProbability = 0.5) => MixProbability = Guard.Probability(mixProbability);

    /// <summary>Chance that a position is taken from the other parent.</summary>
    public double MixProbability { get; }

    /// <inheritdoc />
    public int ParentsCount => 2;

    /// <inheritdoc />
    public int ChildrenCount => 2;

    /// <inheritdoc />
    public IReadOnlyList<TGenome> Cross(IReadOnlyList<TGenome> parents, IRandomSource random)
    {
        var (first, second) = CrossoverGuard.TwoParents(parents, random);
        var takeFromOther = new bool[first.Length];
        for (var i = 0; i < takeFromOther.Length; i++)
        {
            takeFromOther[i] = random.NextBool(MixProbability);
        }

        return CrossoverGuard.Complementary(first, second, takeFromOther);
    }
}
