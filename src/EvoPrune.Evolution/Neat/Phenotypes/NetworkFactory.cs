namespace EvoPrune.Evolution.Neat.Phenotypes;

/// <summary>Decodes genomes into the phenotype their settings ask for.</summary>
public static class NetworkFactory
{
    /// <summary>A <see cref="FeedForwardNetwork"/> when <see cref="NeatSettings.FeedForward"/>, else a one-step <see cref="RecurrentNetwork"/>.</summary>
    public static INeatNetwork Create(NeatGenome genome, NeatSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.FeedForward
            ? FeedForwardNetwork.Create(genome, settings.SigmoidSlope)
            : new RecurrentNetwork(genome, 1, settings.SigmoidSlope);
    }
}
