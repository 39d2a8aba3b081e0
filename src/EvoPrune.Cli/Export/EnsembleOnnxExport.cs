using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Ensemble;
using EvoPrune.Data.Normalization;
using EvoPrune.Ensembles.Export;
using EvoPrune.Ensembles.Fusion;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Onnx;

namespace EvoPrune.Cli.Export;

/// <summary>
/// Ensemble genomes: the pool is retrained as the evaluation trained it (same data, seed and member keys), the
/// genome's members are taken as the evaluation took them (an empty selection repaired to the best member), and when
/// every member is an MLP the ensemble is written as one graph with its fusion rule (<see cref="EnsembleOnnx"/>).
/// Other members (ML.NET trainers, k-NN, naive Bayes) are refused by name.
/// </summary>
internal static class EnsembleOnnxExport
{
    public static OnnxExportResult Export(RunInspection run, ScoredGenome member, string folder, IReadOnlyList<string> dataDirectories, bool compact)
    {
        if (compact)
        {
            throw new NotSupportedException("--compact applies to masked networks; ensemble members are dense MLPs.");
        }

        var (pool, predictions, members, weights, settings) = Retrain(run, member, dataDirectories);
        using (pool)
        {
            var networks = members.Select(m => pool.Members[m]).OfType<MlpClassifier>().Select(c => NetworkWeights.From(c.Network!)).ToArray();
            var kept = networks.Sum(n => n.KeptWeights);
            var total = networks.Sum(n => n.TotalWeights);
            var splits = DataCache.Load(settings.Data, run.Spec.Seed, dataDirectories);
            var normalizations = new[] { splits.Normalization, pool.Normalization }.OfType<NormalizationStats>().ToArray();
            var model = EnsembleOnnx.ToModel(networks, [.. members.Select(m => weights?[m] ?? 1.0)], settings.Fitness.Fusion, normalizations,
                OnnxExport.Metadata(run, member, settings.Data, kept, 1.0 - ((double)kept / total)));
            var path = Path.Combine(folder, $"{member.Genome.Id}.onnx");
            var test = DataCache.Load(settings.Data with { Normalization = NormalizationMode.None }, run.Spec.Seed, dataDirectories).Test;
            var accuracy = OnnxExport.WriteAndMeasure(model, path, test);
            var fused = EnsembleFusion.Accuracy(predictions.Test, members, settings.Fitness.Fusion, weights);
            return new OnnxExportResult(path, accuracy, kept, 1.0 - ((double)kept / total),
            [
                $"ensemble {member.Genome.Id}: {string.Join(", ", members.Select(m => pool.MemberNames[m]))}; fusion {settings.Fitness.Fusion}; retrained pool's fused test accuracy {fused:F4}",
            ]);
        }
    }

    /// <summary>The retrained pool, its cached predictions, the genome's members and the fusion weights (null: uniform).</summary>
    internal static (ClassifierPool Pool, PoolPredictions Predictions, int[] Members, IReadOnlyList<double>? Weights, EnsembleSettings Settings) Retrain(RunInspection run, ScoredGenome member, IReadOnlyList<string> dataDirectories)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(member);
        var settings = EnsembleKind.ReadSettings(run.Spec);
        var names = Kinds.EnsembleTools.PoolMembers(run.Spec);
        var chosen = Kinds.EnsembleTools.Membership(run.Spec, member.Genome);
        var carried = names.Where((n, i) => chosen[i] && !n.StartsWith("mlp", StringComparison.Ordinal)).ToArray();
        if (carried.Length > 0)
        {
            throw new NotSupportedException($"Ensemble genome {member.Genome.Id} of run '{run.Spec.RunId}' votes with {string.Join(", ", carried)}, which ONNX export cannot carry yet (only MLP members are written); members: {string.Join(", ", names.Where((_, i) => chosen[i]))}.");
        }

        var splits = DataCache.Load(settings.Data, run.Spec.Seed, dataDirectories);
        var pool = ClassifierPool.Train(splits.Train, settings.Pool, run.Spec.Seed);
        var predictions = pool.Predict(splits.Validation, splits.Test);
        var members = SubsetRepair.Members(chosen, predictions);
        var unsupported = members.Where(m => pool.Members[m] is not MlpClassifier).Select(m => pool.MemberNames[m]).ToArray();
        if (unsupported.Length > 0)
        {
            pool.Dispose();
            throw new NotSupportedException($"Ensemble genome {member.Genome.Id} of run '{run.Spec.RunId}' selects no member and votes with the pool's best, {string.Join(", ", unsupported)}, which ONNX export cannot carry yet (only MLP members are written).");
        }

        var weights = settings.Fitness.Weighting == MemberWeighting.SelectionAccuracy ? predictions.Selection.Accuracies : null;
        return (pool, predictions, members, weights, settings);
    }
}
