namespace EvoPrune.Evolution.Terminations;

/// <summary>
/// Stops when the best fitness so far has not improved for <see cref="Generations"/> generations. An improvement is a
/// rise of the oriented best (see <see cref="Fitness.FitnessComparer.OrientedScore"/>) by more than
/// <see cref="MinImprovement"/> over the record set at the last improvement; a first valid fitness after failures
/// always counts. Worked out from the history alone, so it needs no state.
/// </summary>
public sealed class FitnessStagnationTermination : ITermination
{
    /// <summary>Creates a stagnation termination.</summary>
    public FitnessStagnationTermination(int generations, double minImprovement = 0.0)
    {
        if (generations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(generations), generations, "Stagnation needs a window of at least one generation.");
        }

        if (!(minImprovement >= 0.0 && double.IsFinite(minImprovement)))
        {
            throw new ArgumentOutOfRangeException(nameof(minImprovement), minImprovement, "The minimum improvement must be a finite number >= 0.");
        }

        Generations = generations;
        MinImprovement = minImprovement;
    }

    /// <summary>Generations without improvement that end the run.</summary>
    public int Generations { get; }

    /// <summary>How much the best must rise to count as an improvement.</summary>
    public double MinImprovement { get; }

    /// <inheritdoc />
    public bool HasReached(EvolutionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.History.Count == 0)
        {
            return false;
        }

        var record = double.NaN;
        var improvedAt = status.History[0].Generation;
        foreach (var generation in status.History)
        {
            var best = status.Comparer.OrientedScore(generation.Best);
            if (!double.IsNaN(best) && (double.IsNaN(record) || best > record + MinImprovement))
            {
                record = best;
                improvedAt = generation.Generation;
            }
        }

        return status.Generation - improvedAt >= Generations;
    }
}
