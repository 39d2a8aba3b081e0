using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Algorithms;

/// <summary>Raised after each generation is evaluated; carries the snapshot, so a handler can checkpoint it.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed class GenerationCompletedEventArgs<TGenome> : EventArgs
    where TGenome : class, IGenome
{
    /// <summary>Creates the event data.</summary>
    public GenerationCompletedEventArgs(GeneticAlgorithmSnapshot<TGenome> snapshot, bool isFinal)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Snapshot = snapshot;
        IsFinal = isFinal;
    }

    /// <summary>The state after the generation.</summary>
    public GeneticAlgorithmSnapshot<TGenome> Snapshot { get; }

    /// <summary>The generation's statistics (best and mean fitness, failures).</summary>
    public GenerationStatistics Statistics => Snapshot.History[^1];

    /// <summary>Whether the termination holds, so this is the last generation.</summary>
    public bool IsFinal { get; }
}
