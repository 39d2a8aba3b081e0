using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Evaluation;

/// <summary>
/// The run seed and the generation of a batch, so an evaluator can key its own randomness (weight init, data
/// order, dropout) by genome id with <see cref="KeyFor"/> and a rerun repeats it.
/// </summary>
/// <param name="Seed">The run seed.</param>
/// <param name="Generation">The generation the batch belongs to (0 = the initial population).</param>
public sealed record EvaluationContext(ulong Seed, long Generation)
{
    /// <summary>The key of the stream for <paramref name="purpose"/> while evaluating <paramref name="genome"/>.</summary>
    public RandomKey KeyFor(IGenome genome, string purpose)
    {
        ArgumentNullException.ThrowIfNull(genome);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return new RandomKey(Seed, Generation, genome.Id, purpose);
    }
}
