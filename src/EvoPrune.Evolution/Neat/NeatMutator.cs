using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// Applies the per-child mutation policy of the original NEAT: an add-node with its probability, else an
/// add-connection with its probability, else weight mutation and enable toggling. Structural and weight changes
/// are exclusive, so a new structure is first tried with its inherited weights.
/// </summary>
public sealed class NeatMutator
{
    private readonly NeatSettings _settings;

    /// <summary>A mutator with the rates of <paramref name="settings"/>.</summary>
    public NeatMutator(NeatSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings.Validate();
    }

    /// <summary>A mutated copy of <paramref name="genome"/>; new structure is numbered by <paramref name="tracker"/>.</summary>
    public NeatGenome Mutate(NeatGenome genome, InnovationTracker tracker, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var s = _settings;
        if (random.NextBool(s.AddNodeProbability))
        {
            return NeatMutations.AddNode(genome, tracker, random, s.AddNodeFavoursOldLinks, s.AddNodeWalkStopsOnDisabled);
        }

        if (random.NextBool(s.AddConnectionProbability))
        {
            return NeatMutations.AddConnection(genome, tracker, random, s.FeedForward, s.WeightRange, s.AddConnectionAttempts);
        }

        if (random.NextBool(s.WeightMutationProbability))
        {
            genome = s.SevereWeightMutation
                ? NeatMutations.MutateWeightsSevere(genome, random, s.WeightPerturbPower, s.WeightLimit)
                : NeatMutations.MutateWeights(genome, random, s.WeightPerturbProbability, s.WeightPerturbPower, s.WeightRange, s.WeightLimit);
        }

        if (random.NextBool(s.ToggleEnableProbability))
        {
            genome = NeatMutations.ToggleEnable(genome, random);
        }

        return genome;
    }
}
