using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Mutations;

/// <summary>
/// Exchanges the genes at <see cref="Swaps"/> pairs of distinct uniform positions, so the genome keeps its multiset of
/// genes (a mask keeps its total kept count, though not per layer: see <see cref="DensityPreservingSwapMutation"/>).
/// Genomes shorter than two genes are returned as they are.
/// </summary>
/// <typeparam name="TGenome">Any linear genome.</typeparam>
public sealed class SwapMutation<TGenome> : IMutation<TGenome>
    where TGenome : class, ILinearGenome<TGenome>
{
    /// <summary>Creates a swap mutation that makes <paramref name="swaps"/> swaps per mutated genome.</summary>
    public SwapMutation(int swaps = 1)
    {
        if (swaps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(swaps), swaps, "A swap mutation needs at least one swap.");
        }

        Swaps = swaps;
    }

    /// <summary>Swaps per mutated genome.</summary>
    public int Swaps { get; }

    /// <inheritdoc />
    public TGenome Mutate(TGenome genome, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentNullException.ThrowIfNull(random);
        var n = genome.Length;
        if (n < 2)
        {
            return genome;
        }

        var order = Enumerable.Range(0, n).ToArray();
        for (var s = 0; s < Swaps; s++)
        {
            // Draw the second position from one slot fewer and skip over the first, so the two always differ.
            var i = random.NextInt(n);
            var j = random.NextInt(n - 1);
            if (j >= i)
            {
                j++;
            }

            (order[i], order[j]) = (order[j], order[i]);
        }

        return genome.Permute(order);
    }
}
