using EvoPrune.Learning.Pruning;

namespace EvoPrune.Cluster.Kinds.Pruning;

/// <summary>The methods a <c>pruning</c> run can compare, by the names configs use.</summary>
public static class PruningMethods
{
    public const string Dense = "dense";

    /// <summary>Every method name, in the order tables list them.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["random", "magnitude", "snip", "imp", "imp-reinit", "dissipating", "kstarts", "kstarts-dissipating"];

    /// <summary>The method <paramref name="name"/> at <paramref name="sparsity"/> with the run's options.</summary>
    public static IPruningMethod Create(string name, double sparsity, PruningSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var target = settings.Scope == PruningScope.Global ? PruningTarget.Global(sparsity) : PruningTarget.PerLayer(sparsity);
        var imp = new ImpOptions { Rounds = settings.ImpRounds, Scope = settings.Scope, Target = target };
        return name switch
        {
            Dense => new DenseBaseline(),
            "random" => new RandomPruning(target),
            "magnitude" => new MagnitudePruning(new MagnitudePruningOptions { Target = target, FineTuneEpochs = settings.FineTuneEpochs }),
            "snip" => new SnipPruning(SnipOptions.Global(sparsity) with { BatchSize = settings.SnipBatch }),
            "imp" => new IterativeMagnitudePruning(imp),
            "imp-reinit" => new ImpReinitControl(imp),
            "dissipating" => new DissipatingGradients(Dissipating(target, settings)),
            "kstarts" => new KStartsSearch(KStarts(target, settings)),
            "kstarts-dissipating" => new KStartsSearch(KStarts(target with { Sparsity = sparsity * settings.CombinationStart }, settings) with
            {
                Refine = Dissipating(target, settings) with { PruneEpochs = settings.KStartsScoringEpochs },
            }),
            _ => throw new ArgumentException($"unknown pruning method '{name}'. Known: {string.Join(", ", Names)}."),
        };
    }

    private static DissipatingGradientsOptions Dissipating(PruningTarget target, PruningSettings settings) => new()
    {
        Target = target,
        Criterion = settings.DissipatingCriterion,
        PruneEpochs = settings.DissipatingEpochs,
        PruneEverySteps = settings.DissipatingEverySteps,
    };

    private static KStartsOptions KStarts(PruningTarget target, PruningSettings settings) => new()
    {
        Target = target,
        Starts = settings.KStartsStarts,
        ScoringEpochs = settings.KStartsScoringEpochs,
        Criterion = settings.KStartsCriterion,
        TrainEveryStart = settings.KStartsControl,
    };
}
