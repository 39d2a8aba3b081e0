using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// K-starts (Haroon 2022; design §1.4) as a local (k,1) selection: draw k random masks with the target's exact
/// per-layer counts (streams "kstarts/mask{j}"), train each from the shared θ0 for the scoring epochs with
/// <see cref="MaskScorer"/>, keep the fittest and train it on in the same session (weights, optimiser state and
/// minibatch order) for the rest of the context's epochs (no rewinding), so (without refinement) a start trained to
/// the end is exactly random pruning of its mask. The evolutionary engine does the same per genome with
/// <see cref="MaskScorer"/> directly. With <see cref="KStartsOptions.TrainEveryStart"/> the losers train on too: the
/// control that sets the winner against random pruning.
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

    /// <summary>The start K-starts keeps for <paramref name="fitness"/>: the fittest; NaN never wins, ties keep the earlier start.</summary>
    public static int Winner(IReadOnlyList<double> fitness)
    {
        ArgumentNullException.ThrowIfNull(fitness);
        var winner = 0;
        for (var j = 1; j < fitness.Count; j++)
        {
            if (fitness[j] > fitness[winner] || double.IsNaN(fitness[winner]))
            {
                winner = j;
            }
        }

        return winner;
    }

    /// <summary>Runs the search and reports every start.</summary>
    public KStartsOutcome Search(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_options.TrainEveryStart && context.Test is not { Count: > 0 })
        {
            throw new InvalidOperationException("K-starts' selection control (train every start) compares test accuracies, but the context has no test split.");
        }

        var scoring = context.Training with { Epochs = _options.ScoringEpochs };
        var scorer = new MaskScorer(scoring);
        var candidates = new List<ScoredMask>();
        try
        {
            for (var j = 0; j < _options.Starts; j++)
            {
                var masks = RandomPruning.DrawMasks(context.LayerSizes, _options.Target, RandomSources.For(context.KeyFor($"kstarts/mask{j}")));
                var initKey = context.KeyFor(_options.PerStartInit ? $"init{j}" : "init");
                candidates.Add(scorer.ScoreAndKeep(context.Architecture, context.Activations, masks, context.Train, context.Validation, initKey, context.KeyFor("shuffle"), context.Init, _options.Refine, cancellationToken));
            }

            var fitness = MaskScorer.Fitness(candidates.Select(c => c.Score).ToArray(), _options.Criterion);
            var winner = Winner(fitness);

            // A start goes on in its own training session: optimiser state and the epoch-keyed minibatch order carry
            // over, so without refinement every start trained to the end is exactly random pruning of its mask, and the
            // winner's weights do not depend on whether the others are trained too.
            var remaining = context.Training.Epochs - _options.ScoringEpochs;
            double[]? testAccuracies = _options.TrainEveryStart ? new double[candidates.Count] : null;
            for (var j = 0; j < candidates.Count; j++)
            {
                if (j != winner && testAccuracies == null)
                {
                    continue;
                }

                if (remaining > 0)
                {
                    candidates[j].TrainOn(remaining, cancellationToken);
                }

                if (testAccuracies != null)
                {
                    testAccuracies[j] = Trainer.Accuracy(candidates[j].Network, context.Test!, context.Training.EvalBatchSize);
                }
            }

            var best = candidates[winner];
            var outcome = PruningOutcome.From(Name, context, _options.FinalSparsity, best.Masks.ToArray(), best.Network, best.Steps);
            return new KStartsOutcome(outcome, candidates.Select(c => c.Score).ToArray(), fitness, winner) { StartTestAccuracies = testAccuracies };
        }
        finally
        {
            foreach (var candidate in candidates)
            {
                candidate.Dispose();
            }
        }
    }
}
