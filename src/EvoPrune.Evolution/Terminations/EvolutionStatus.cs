using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Terminations;

/// <summary>
/// What a termination sees after each generation. Everything here is derived from the run snapshot, so terminations
/// hold no state of their own and a resumed run stops exactly where an uninterrupted one would.
/// </summary>
public sealed class EvolutionStatus
{
    /// <summary>Creates a status.</summary>
    public EvolutionStatus(
        long generation,
        IReadOnlyList<GenerationStatistics> history,
        FitnessInfo bestFitness,
        TimeSpan elapsed,
        FitnessComparer comparer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(bestFitness);
        ArgumentNullException.ThrowIfNull(comparer);
        Generation = generation;
        History = history;
        BestFitness = bestFitness;
        Elapsed = elapsed;
        Comparer = comparer;
    }

    /// <summary>The generation just completed: 0 after the initial population, g after g rounds of breeding.</summary>
    public long Generation { get; }

    /// <summary>Statistics of every generation so far, oldest first.</summary>
    public IReadOnlyList<GenerationStatistics> History { get; }

    /// <summary>The best fitness seen in the run so far.</summary>
    public FitnessInfo BestFitness { get; }

    /// <summary>Time the run has spent, measured with the algorithm's <see cref="TimeProvider"/> and summed over resumes.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>How fitness is ordered in this run.</summary>
    public FitnessComparer Comparer { get; }
}
