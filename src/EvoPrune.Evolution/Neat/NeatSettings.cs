namespace EvoPrune.Evolution.Neat;

/// <summary>
/// NEAT parameters. Defaults are the table of Stanley &amp; Miikkulainen (2002, §4.1), except that weights are mutated in
/// 90% of children as in the original NEAT C++ release (the paper's table: 80%); settings the paper leaves open
/// (weight step sizes, survival fraction, mate-only rate) follow that release too, and so do the behaviours the XOR
/// ablation supports (README, NEAT): <see cref="AddNodeFavoursOldLinks"/>, <see cref="MutateChildOfIdenticalParents"/>
/// and <see cref="EqualFitnessPrefersSmaller"/>. Unlike the paper and that release, the population's best genome is
/// never lost (<see cref="KeepPopulationChampion"/>). Call
/// <see cref="Validate"/> (the algorithm does) to get an <see cref="ArgumentException"/> naming a bad setting.
/// </summary>
public sealed record NeatSettings
{
    /// <summary>Genomes per generation.</summary>
    public int PopulationSize { get; init; } = 150;

    /// <summary>c1: weight of excess genes in the compatibility distance.</summary>
    public double ExcessCoefficient { get; init; } = 1.0;

    /// <summary>c2: weight of disjoint genes.</summary>
    public double DisjointCoefficient { get; init; } = 1.0;

    /// <summary>c3: weight of the mean weight difference of matching genes.</summary>
    public double WeightCoefficient { get; init; } = 0.4;

    /// <summary>δt: a genome joins the first species whose representative is closer than this.</summary>
    public double CompatibilityThreshold { get; init; } = 3.0;

    /// <summary>Genomes smaller than this (both) are compared with N = 1 instead of the larger gene count.</summary>
    public int SmallGenomeGeneCount { get; init; } = 20;

    /// <summary>Generations without improvement of its best fitness after which a species may not reproduce.</summary>
    public int SpeciesStagnationLimit { get; init; } = 15;

    /// <summary>Generations without improvement of the best fitness after which only the top two species reproduce.</summary>
    public int PopulationStagnationLimit { get; init; } = 20;

    /// <summary>The champion of a species with more members than this is copied unchanged.</summary>
    public int ElitismMinSpeciesSize { get; init; } = 5;

    /// <summary>Fraction of each species (best first) kept as parents; the rest is dropped before reproduction.</summary>
    public double SurvivalThreshold { get; init; } = 0.2;

    /// <summary>Fraction of offspring made by mutation alone.</summary>
    public double MutationOnlyProbability { get; init; } = 0.25;

    /// <summary>Chance that a crossover child takes its second parent from another species.</summary>
    public double InterspeciesMatingProbability { get; init; } = 0.001;

    /// <summary>Chance that a crossover child is not mutated afterwards.</summary>
    public double MateOnlyProbability { get; init; } = 0.2;

    /// <summary>Chance that a child gets an add-node mutation.</summary>
    public double AddNodeProbability { get; init; } = 0.03;

    /// <summary>Chance that a child gets an add-connection mutation.</summary>
    public double AddConnectionProbability { get; init; } = 0.05;

    /// <summary>
    /// Chance that a child's weights are mutated (when no structural mutation happened): 0.9 as in the original C++
    /// release; the paper's table says 0.8.
    /// </summary>
    public double WeightMutationProbability { get; init; } = 0.9;

    /// <summary>Per weight, given a weight mutation: chance of a uniform perturbation (otherwise a new random value).</summary>
    public double WeightPerturbProbability { get; init; } = 0.9;

    /// <summary>Perturbations are uniform in ±this (the original NEAT release's weight mutation power).</summary>
    public double WeightPerturbPower { get; init; } = 2.5;

    /// <summary>New and initial weights are uniform in ±this.</summary>
    public double WeightRange { get; init; } = 2.0;

    /// <summary>Weights are clamped to ±this.</summary>
    public double WeightLimit { get; init; } = 8.0;

    /// <summary>Chance that a child has one connection switched on or off.</summary>
    public double ToggleEnableProbability { get; init; } = 0.01;

    /// <summary>Chance that a gene disabled in either parent stays disabled in the child.</summary>
    public double DisabledInheritanceProbability { get; init; } = 0.75;

    /// <summary>
    /// Where true (the original C++ release), the disabled-inheritance rule applies to matching genes only and a gene
    /// otherwise keeps its parent's state; where false, every inherited disabled gene is re-enabled with
    /// 1 − <see cref="DisabledInheritanceProbability"/>.
    /// </summary>
    public bool DisabledRuleOnMatchingGenesOnly { get; init; }

    /// <summary>Where true, a species' representative for the next generation is its best member instead of a random one.</summary>
    public bool ChampionRepresentative { get; init; }

    /// <summary>
    /// Where true (the original C++ release), half the weight mutations are severe (per weight 70% perturbed, 20%
    /// replaced, 10% kept) and in genomes of ten or more genes the newest 20% are mutated harder than the rest;
    /// where false, every weight is perturbed with <see cref="WeightPerturbProbability"/>, otherwise replaced.
    /// </summary>
    public bool SevereWeightMutation { get; init; }

    /// <summary>Chance that a crossover averages the weights of matching genes instead of picking one parent's.</summary>
    public double CrossoverAveragingProbability { get; init; }

    /// <summary>
    /// Where true (the original C++ release), add-node never splits a link from the bias and, in genomes with fewer
    /// than 15 genes, favours the oldest links (each eligible link in innovation order is taken with 70%).
    /// </summary>
    public bool AddNodeFavoursOldLinks { get; init; } = true;

    /// <summary>
    /// Where true (the original C++ release) and <see cref="AddNodeFavoursOldLinks"/> is set, the oldest-first walk of a
    /// small genome steps over disabled links too and fails where it stops on one, so add-node succeeds less often in
    /// genomes with many split links.
    /// </summary>
    public bool AddNodeWalkStopsOnDisabled { get; init; }

    /// <summary>Where true (the original C++ release), a species keeps ⌊threshold·size + 1⌋ parents instead of ⌈threshold·size⌉.</summary>
    public bool OneMoreParent { get; init; }

    /// <summary>Where true (the original C++ release), of two parents with equal fitness the one with fewer genes counts as fitter.</summary>
    public bool EqualFitnessPrefersSmaller { get; init; } = true;

    /// <summary>
    /// Where true (the original C++ release), a crossover child whose parents have the same genes and weights (the same
    /// genome picked twice, or two copies) is always mutated, since unmutated it would only repeat its parent.
    /// </summary>
    public bool MutateChildOfIdenticalParents { get; init; } = true;

    /// <summary>
    /// Where true (the original C++ release), a species' champion is copied unchanged when the species gets more than
    /// <see cref="ElitismMinSpeciesSize"/> offspring; where false, when the species has more members than that.
    /// </summary>
    public bool ElitismByOffspringCount { get; init; }

    /// <summary>
    /// Where true (the original C++ release), when the population stagnates the best two species get half the offspring
    /// each, all bred from their champions (one unchanged copy, the others with 80% mutated weights, else a new link);
    /// where false, they share the offspring by their adjusted fitness and breed like any other species.
    /// </summary>
    public bool StagnationSplitsHalves { get; init; }

    /// <summary>
    /// Where true (the default), the species holding the population's best genome is exempt from species stagnation,
    /// gets at least one offspring and keeps that genome unchanged whatever its size, so a run never loses its best
    /// network; where false (the paper), that species dies once it has not improved for
    /// <see cref="SpeciesStagnationLimit"/> generations, and its champion is copied only when the species has more than
    /// <see cref="ElitismMinSpeciesSize"/> members. XOR runs that lost their best network that way were the runs left
    /// unsolved at 150 generations (README, NEAT).
    /// </summary>
    public bool KeepPopulationChampion { get; init; } = true;

    /// <summary>
    /// Where above 0 (the default 0.5), a generation whose predecessor was left in a single species is speciated at
    /// <see cref="CompatibilityThreshold"/> times this scale, so a population that has collapsed into one species
    /// (generation 0 always is: the start genomes differ only in their weights) splits into several again; 0 (the
    /// paper) speciates every generation at <see cref="CompatibilityThreshold"/>. Runs stuck on XOR's 9.0 plateau were
    /// one species of 150 saturated networks (README, NEAT); on 10,000 XOR runs this cut the runs unsolved or over 15,000
    /// evaluations from 17 to 6 and the mean evaluations by 12%.
    /// </summary>
    public double OneSpeciesThresholdScale { get; init; } = 0.5;

    /// <summary>Random node pairs tried before an add-connection mutation gives up.</summary>
    public int AddConnectionAttempts { get; init; } = 20;

    /// <summary>Whether networks must stay acyclic (XOR, multiplexer); false allows recurrent links (pole balancing).</summary>
    public bool FeedForward { get; init; } = true;

    /// <summary>Slope of the steepened sigmoid 1/(1+e^(−slope·x)).</summary>
    public double SigmoidSlope { get; init; } = 4.9;

    /// <summary>Generations after which the run stops unsolved (generation 0 included).</summary>
    public int MaxGenerations { get; init; } = 1000;

    /// <summary>Where set, a genome with at least this fitness also counts as a solution.</summary>
    public double? FitnessThreshold { get; init; }

    /// <summary>Genomes evaluated concurrently; the evaluator must be thread-safe above 1. Results do not depend on it.</summary>
    public int EvaluationParallelism { get; init; } = 1;

    /// <summary>Returns these settings, or throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public NeatSettings Validate()
    {
        AtLeast(PopulationSize, 2, nameof(PopulationSize));
        NonNegative(ExcessCoefficient, nameof(ExcessCoefficient));
        NonNegative(DisjointCoefficient, nameof(DisjointCoefficient));
        NonNegative(WeightCoefficient, nameof(WeightCoefficient));
        Positive(CompatibilityThreshold, nameof(CompatibilityThreshold));
        Probability(OneSpeciesThresholdScale, nameof(OneSpeciesThresholdScale));
        AtLeast(SmallGenomeGeneCount, 0, nameof(SmallGenomeGeneCount));
        AtLeast(SpeciesStagnationLimit, 1, nameof(SpeciesStagnationLimit));
        AtLeast(PopulationStagnationLimit, 1, nameof(PopulationStagnationLimit));
        AtLeast(ElitismMinSpeciesSize, 0, nameof(ElitismMinSpeciesSize));
        if (!(SurvivalThreshold > 0.0 && SurvivalThreshold <= 1.0))
        {
            throw new ArgumentException($"{nameof(SurvivalThreshold)} must be in (0, 1], got {SurvivalThreshold}.", nameof(SurvivalThreshold));
        }

        Probability(MutationOnlyProbability, nameof(MutationOnlyProbability));
        Probability(InterspeciesMatingProbability, nameof(InterspeciesMatingProbability));
        Probability(MateOnlyProbability, nameof(MateOnlyProbability));
        Probability(AddNodeProbability, nameof(AddNodeProbability));
        Probability(AddConnectionProbability, nameof(AddConnectionProbability));
        Probability(WeightMutationProbability, nameof(WeightMutationProbability));
        Probability(WeightPerturbProbability, nameof(WeightPerturbProbability));
        Probability(ToggleEnableProbability, nameof(ToggleEnableProbability));
        Probability(DisabledInheritanceProbability, nameof(DisabledInheritanceProbability));
        Probability(CrossoverAveragingProbability, nameof(CrossoverAveragingProbability));
        Positive(WeightPerturbPower, nameof(WeightPerturbPower));
        Positive(WeightRange, nameof(WeightRange));
        Positive(WeightLimit, nameof(WeightLimit));
        Positive(SigmoidSlope, nameof(SigmoidSlope));
        AtLeast(AddConnectionAttempts, 1, nameof(AddConnectionAttempts));
        AtLeast(MaxGenerations, 1, nameof(MaxGenerations));
        AtLeast(EvaluationParallelism, 1, nameof(EvaluationParallelism));
        if (FitnessThreshold is { } threshold && double.IsNaN(threshold))
        {
            throw new ArgumentException($"{nameof(FitnessThreshold)} must be a number.", nameof(FitnessThreshold));
        }

        return this;
    }

    private static void AtLeast(int value, int minimum, string name)
    {
        if (value < minimum)
        {
            throw new ArgumentException($"{name} must be at least {minimum}, got {value}.", name);
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0.0 && double.IsFinite(value)))
        {
            throw new ArgumentException($"{name} must be a finite number >= 0, got {value}.", name);
        }
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0.0 && double.IsFinite(value)))
        {
            throw new ArgumentException($"{name} must be a finite number > 0, got {value}.", name);
        }
    }

    private static void Probability(double value, string name)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentException($"{name} must be a probability in [0, 1], got {value}.", name);
        }
    }
}
