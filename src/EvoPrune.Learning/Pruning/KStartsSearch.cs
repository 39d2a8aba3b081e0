using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// K-starts (Haroon 2022; design §1.4) as a local (k,1) selection: draw k random masks with the target's exact
/// per-layer counts (streams "kstarts/mask{j}"), train each from the shared θ0 for the scoring epochs with
/// <see cref="MaskScorer"/>, keep the fittest and train it on from its current weights for the rest of the context's
/// epochs (no rewinding). The evolutionary engine does the same per genome with <see cref="MaskScorer"/> directly.
/// </summary>
public sealed class KStartsSearch : IPruningMethod
{
    private readonly KStartsOptions _options;

    public KStartsSearch(KStartsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Starts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ScoringEpochs, 1);
        _options = options;
    }

    /// <inheritdoc />
    public string Name => $"kstarts{(_options.Refine == null ? string.Empty : "-dg")}-{_options.Criterion switch
    {
        KStartsCriterion.WeightMagnitude => "mag",
        KStartsCriterion.GradientAccumulation => "grad",
        KStartsCriterion.Combined => "both",
        _ => "val",
    }}";

    /// <inheritdoc />
    public double TargetSparsity => _options.FinalSparsity;

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default) => Search(context, cancellationToken).Winner;

    /// <summary>Runs the search and reports every start.</summary>
    public KStartsOutcome Search(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scoring = context.Training with { Epochs = _options.ScoringEpochs };
        var scorer = new MaskScorer(scoring);
        var candidates = new List<(IReadOnlyList<bool[]> Masks, MaskScore Score, MaskedNetwork Network)>();
        try
        {
            for (var j = 0; j < _options.Starts; j++)
            {
                var masks = RandomPruning.DrawMasks(context.LayerSizes, _options.Target, RandomSources.For(context.KeyFor($"kstarts/mask{j}")));
                var initKey = context.KeyFor(_options.PerStartInit ? $"init{j}" : "init");
                var (score, network, finalMasks) = scorer.ScoreAndKeep(context.Architecture, context.Activations, masks, context.Train, context.Validation, initKey, context.KeyFor("shuffle"), context.Init, _options.Refine, cancellationToken);
                candidates.Add((finalMasks.ToArray(), score, network));
            }

            var fitness = MaskScorer.Fitness(candidates.Select(c => c.Score).ToArray(), _options.Criterion);
            var winner = 0;
            for (var j = 1; j < fitness.Length; j++)
            {
                // NaN never wins; ties keep the earlier start.
                if (fitness[j] > fitness[winner] || double.IsNaN(fitness[winner]))
                {
                    winner = j;
                }
            }

            var best = candidates[winner];
            var steps = best.Score.Steps;
            var remaining = context.Training.Epochs - _options.ScoringEpochs;
            if (remaining > 0)
            {
                steps += PruningTrainer.Train(best.Network, context.Train, context.Training, remaining, context.KeyFor("shuffle/continue"), cancellationToken: cancellationToken);
            }

            var outcome = PruningOutcome.From(Name, context, _options.FinalSparsity, best.Masks, best.Network, steps);
            return new KStartsOutcome(outcome, candidates.Select(c => c.Score).ToArray(), fitness, winner);
        }
        finally
        {
            foreach (var candidate in candidates)
            {
                candidate.Network.Dispose();
            }
        }
    }
}
