using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// A mask after its K-starts scoring: the scores, the mask it ends with (refined, with dissipating gradients), and
/// the network with its still-open training session, so it can train on exactly as if it had never stopped.
/// Disposing releases both the session and the network.
/// </summary>
public sealed class ScoredMask(MaskScore score, IReadOnlyList<bool[]> masks, MaskedNetwork network, TrainingSession session) : IDisposable
{
    public MaskScore Score { get; } = score;

    public IReadOnlyList<bool[]> Masks { get; } = masks;

    public MaskedNetwork Network { get; } = network;

    /// <summary>Optimiser steps taken so far, scoring included.</summary>
    public long Steps => session.Steps;

    /// <summary>Trains <paramref name="epochs"/> more epochs in the same session (optimiser state and epoch-keyed minibatch order carry on).</summary>
    public void TrainOn(int epochs, CancellationToken cancellationToken = default) => session.Run(epochs, cancellationToken: cancellationToken);

    public void Dispose()
    {
        session.Dispose();
        Network.Dispose();
    }
}
