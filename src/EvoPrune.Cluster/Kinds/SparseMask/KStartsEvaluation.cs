using System.Diagnostics;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds.SparseMask;

/// <summary>
/// K-starts evaluation of a sparse-mask genome: train the mask from the run's θ0 for the scoring budget (refining it
/// with dissipating gradients when the run asks for the combination) while accumulating |gradient|, then score it by
/// the run's criterion. The final generation's winner is trained the same way for the final epochs and its validation
/// and test accuracy are recorded.
/// </summary>
internal static class KStartsEvaluation
{
    public static FitnessReport Evaluate(
        RunSpec spec,
        SparseMaskSettings settings,
        ArchitectureSpec architecture,
        IReadOnlyList<bool[]> masks,
        PreparedData data,
        GenomeRecord genome,
        EvaluationHost host,
        string device,
        Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var final = SparseMaskStrategy.IsFinal(genome);
        var training = final ? settings.Training with { Epochs = settings.FinalEpochs } : settings.Training;
        var scorer = new MaskScorer(training);
        using var scored = scorer.ScoreAndKeep(
            architecture, settings.Model.Activations, masks, data.Train, data.Validation, SparseMaskKind.InitKey(spec), SparseMaskKind.ShuffleKey(spec), settings.Model.Init, settings.RefineOptions, cancellationToken);
        var (score, network, refined) = (scored.Score, scored.Network, scored.Masks);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["validation_accuracy"] = score.ValidationAccuracy,
            ["weight_magnitude"] = score.WeightMagnitude,
            ["gradient_accumulation"] = score.GradientAccumulation,
            ["sparsity"] = score.Sparsity,
            ["kept_weights"] = refined.Sum(m => m.Count(b => b)),
            ["kept_macs"] = network.KeptMacs,
            ["final"] = final ? 1 : 0,
        };
        if (final && data.Test.Count > 0)
        {
            scores["test_accuracy"] = Trainer.Accuracy(network, data.Test, training.EvalBatchSize);
        }

        var fitness = final ? score.ValidationAccuracy : settings.Criterion switch
        {
            KStartsCriterion.Combined => score.LogCombined,
            _ => score.Value(settings.Criterion),
        };
        return new FitnessReport(genome.Id, double.IsFinite(fitness) ? fitness : FitnessReport.WorstFitness, scores, double.IsFinite(fitness) ? null : $"the {settings.Criterion} fitness is not finite", host.Silo, device, clock.Elapsed.TotalSeconds);
    }
}
