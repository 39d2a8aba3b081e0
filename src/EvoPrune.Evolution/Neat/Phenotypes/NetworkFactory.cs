namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>Decodes genomes into the phenotype their settings ask for.</summary>
public static class NetworkFactory
{
    [ThreadStatic]
    private static FeedForwardNetwork? t_evaluationNetwork;

    /// <summary>A <see cref="FeedForwardNetwork"/> when <see cref="NeatSettings.FeedForward"/>, else a one-step <see cref="RecurrentNetwork"/>.</summary>
    public static INeatNetwork Create(NeatGenome genome, NeatSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.FeedForward
            ? FeedForwardNetwork.Create(genome, settings.SigmoidSlope)
            : new RecurrentNetwork(genome, 1, settings.SigmoidSlope);
    }

    /// <summary>
    /// <see cref="Create"/> for one evaluation: a feed-forward network is compiled into this thread's reused network,
    /// so it is valid only until the thread compiles the next one (a task's <see cref="INeatTask.Evaluate"/> must not
    /// keep it). Saves the network's allocations on every evaluation of a generation.
    /// </summary>
    public static INeatNetwork CreateForEvaluation(NeatGenome genome, NeatSettings settings) =>
        settings.FeedForward
            ? t_evaluationNetwork = FeedForwardNetwork.Compile(genome, settings.SigmoidSlope, t_evaluationNetwork)
            : new RecurrentNetwork(genome, 1, settings.SigmoidSlope);
}
