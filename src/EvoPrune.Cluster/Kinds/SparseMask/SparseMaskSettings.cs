using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds.SparseMask;

/// <summary>
/// Settings of a GA over keep masks of a fixed architecture: what to train, how densely to keep, and the operators.
/// Every genome of a run shares one initialisation and one minibatch order (both from the run seed), so a mask's
/// fitness depends on the mask alone — the lottery-ticket view of pruning at initialisation.
/// </summary>
public sealed record SparseMaskSettings
{
    public DataSpec Data { get; init; } = new();

    public ModelSpec Model { get; init; } = new();

    public TrainerOptions Training { get; init; } = new();

    /// <summary>Fraction of prunable weights kept in every layer (1 - sparsity).</summary>
    public double Density { get; init; } = 0.2;

    public int TournamentSize { get; init; } = 3;

    public double CrossoverRate { get; init; } = 0.9;

    /// <summary>Per-gene probability of swapping a kept and a pruned weight in the same layer.</summary>
    public double MutationRate { get; init; } = 0.01;

    /// <summary>The best members that survive each generation unchanged (and are not re-evaluated).</summary>
    public int Elites { get; init; } = 2;

    /// <summary>
    /// K-starts fitness of a genome after its short training: validation accuracy (the default), weight magnitude,
    /// gradient accumulation, or both combined (ln F_mag + ln F_grad, see <see cref="MaskScore.LogCombined"/>).
    /// </summary>
    public KStartsCriterion Criterion { get; init; } = KStartsCriterion.ValidationAccuracy;

    /// <summary>Per layer: every layer keeps <see cref="Density"/>; global: the initial masks keep it over all layers together.</summary>
    public PruningScope Scope { get; init; } = PruningScope.PerLayer;

    /// <summary>The combination with dissipating gradients (null: none): members are refined from <see cref="Density"/> to this setting's density while they train.</summary>
    public SparseMaskRefinement? Refine { get; init; }

    /// <summary>
    /// Epochs of the winner's full training in the run's last generation (0: no final training). The last generation
    /// then evaluates only the best member, from θ0 with the same batch order, and records its validation and test accuracy.
    /// </summary>
    public int FinalEpochs { get; init; }

    /// <summary>
    /// Genomes a worker trains together as one stacked population (batched matrix products, one optimiser) when it
    /// leases several; 1 trains one at a time. Linear architectures (mlp, lenet300-100) and plain validation-accuracy
    /// fitness only; fitnesses equal those of one-at-a-time training up to float rounding.
    /// </summary>
    public int PopulationBatch { get; init; } = 1;

    /// <summary>Whether genomes are scored the K-starts way (<see cref="MaskScorer"/>) rather than by the plain training run.</summary>
    public bool UsesScorer => Criterion != KStartsCriterion.ValidationAccuracy || Refine != null;

    /// <summary>The sparsity members end at: after refinement if any, else the genome's.</summary>
    public double FinalSparsity => 1 - (Refine?.Density ?? Density);

    /// <summary>The dissipating-gradients options of the refinement (null without one).</summary>
    public DissipatingGradientsOptions? RefineOptions => Refine == null ? null : new DissipatingGradientsOptions
    {
        Target = Scope == PruningScope.Global ? PruningTarget.Global(1 - Refine.Density) : PruningTarget.PerLayer(1 - Refine.Density),
        Criterion = Refine.Criterion,
        PruneEpochs = Refine.Epochs,
        PruneEverySteps = Refine.EverySteps,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public void Validate(int populationSize)
    {
        if (Refine != null && !(Refine.Density > 0 && Refine.Density < Density))
        {
            throw new ArgumentException($"refine.density must be in (0, density = {Density}) (got {Refine.Density}).");
        }

        if (Refine != null && (Refine.Epochs < 1 || Refine.EverySteps < 0))
        {
            throw new ArgumentException($"refine.epochs must be at least 1 and refine.every-steps at least 0 (got {Refine.Epochs} and {Refine.EverySteps}).");
        }

        if (PopulationBatch < 1)
        {
            throw new ArgumentException($"population-batch must be at least 1 (got {PopulationBatch}).");
        }

        if (PopulationBatch > 1 && UsesScorer)
        {
            throw new ArgumentException("population-batch trains plain validation-accuracy evaluations only; it cannot be combined with a K-starts criterion or refine.");
        }

        if (FinalEpochs < 0)
        {
            throw new ArgumentException($"final-epochs must be at least 0 (got {FinalEpochs}).");
        }

        if (!(Density > 0 && Density <= 1))
        {
            throw new ArgumentException($"density must be in (0, 1] (got {Density}).");
        }

        if (CrossoverRate is < 0 or > 1 || MutationRate is < 0 or > 1)
        {
            throw new ArgumentException($"crossover and mutation rates must be in [0, 1] (got {CrossoverRate} and {MutationRate}).");
        }

        if (TournamentSize < 1 || TournamentSize > populationSize)
        {
            throw new ArgumentException($"tournament size must be between 1 and the population size {populationSize} (got {TournamentSize}).");
        }

        if (Elites < 0 || Elites >= populationSize)
        {
            throw new ArgumentException($"elites must be between 0 and population size - 1 = {populationSize - 1} (got {Elites}).");
        }

        Training.Validate();
    }
}
