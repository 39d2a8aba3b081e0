using EvoPrune.Evolution.Fitness;

namespace EvoPrune.Evolution.Terminations;

/// <summary>
/// Stops once the best fitness so far reaches <see cref="Threshold"/>: at or above it when maximising, at or below
/// it when minimising. Failed fitness never reaches it.
/// </summary>
public sealed class FitnessThresholdTermination : ITermination
{
    private readonly FitnessInfo _target;

    /// <summary>Creates a termination at primary fitness <paramref name="threshold"/>.</summary>
    public FitnessThresholdTermination(double threshold)
    {
        if (double.IsNaN(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The fitness threshold cannot be NaN.");
        }

        Threshold = threshold;
        _target = new FitnessInfo(threshold);
    }

    /// <summary>The primary fitness to reach.</summary>
    public double Threshold { get; }

    /// <inheritdoc />
    public bool HasReached(EvolutionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Comparer.Compare(status.BestFitness, _target) >= 0;
    }
}
