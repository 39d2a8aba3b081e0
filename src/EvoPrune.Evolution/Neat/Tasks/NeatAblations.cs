namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// The differences between the NEAT paper's text and the original C++ release, one setting each, for measuring them
/// one at a time against a base configuration (<c>evoprune neat-bench --ablation</c>).
/// </summary>
public static class NeatAblations
{
    /// <summary>Named changes, each a function of the base settings; the first is the base itself.</summary>
    public static IReadOnlyList<(string Name, Func<NeatSettings, NeatSettings> Apply)> Variants { get; } =
    [
        ("base", s => s),
        ("disabled-gene rule on matching genes only", s => s with { DisabledRuleOnMatchingGenesOnly = !s.DisabledRuleOnMatchingGenesOnly }),
        ("species champion as representative", s => s with { ChampionRepresentative = !s.ChampionRepresentative }),
        ("severe / newest-gene weight mutation", s => s with { SevereWeightMutation = !s.SevereWeightMutation }),
        ("weight mutation in 80% ⇄ 90% of children", s => s with { WeightMutationProbability = s.WeightMutationProbability == 0.9 ? 0.8 : 0.9 }),
        ("new weights in ±1", s => s with { WeightRange = s.WeightRange == 1.0 ? 2.0 : 1.0 }),
        ("40% of crossovers average weights", s => s with { CrossoverAveragingProbability = s.CrossoverAveragingProbability > 0 ? 0.0 : 0.4 }),
        ("add-node favours old links, never the bias", s => s with { AddNodeFavoursOldLinks = !s.AddNodeFavoursOldLinks }),
        ("⌊0.2·size + 1⌋ parents", s => s with { OneMoreParent = !s.OneMoreParent }),
        ("equal fitness: smaller parent is fitter", s => s with { EqualFitnessPrefersSmaller = !s.EqualFitnessPrefersSmaller }),
        ("child of identical parents always mutated", s => s with { MutateChildOfIdenticalParents = !s.MutateChildOfIdenticalParents }),
        ("elitism when a species gets > 5 offspring", s => s with { ElitismByOffspringCount = !s.ElitismByOffspringCount }),
        ("add-node walk stops on disabled links", s => s with { AddNodeWalkStopsOnDisabled = !s.AddNodeWalkStopsOnDisabled }),
        ("population stagnation: two champions breed half each", s => s with { StagnationSplitsHalves = !s.StagnationSplitsHalves }),
        ("population champion kept, its species exempt from stagnation", s => s with { KeepPopulationChampion = !s.KeepPopulationChampion }),
        ("one species split at half the threshold", s => s with { OneSpeciesThresholdScale = s.OneSpeciesThresholdScale > 0 ? 0.0 : 0.5 }),
        ("no enable toggling", s => s with { ToggleEnableProbability = s.ToggleEnableProbability > 0 ? 0.0 : 0.01 }),
    ];
}
