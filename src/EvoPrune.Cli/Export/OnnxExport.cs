using System.Globalization;
using System.Text.Json;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Activations;
using EvoPrune.Data.Normalization;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using EvoPrune.Learning.Training;
using Google.Protobuf;

namespace EvoPrune.Cli.Export;

/// <summary>
/// What every kind's <c>export --format onnx</c> shares (each kind's tools, <see cref="Kinds.KindTools.ExportOnnx"/>,
/// retrain or take its network): writing a masked network as <c>GENOME.onnx</c> with the normalisation inside the
/// graph, the metadata every model carries, and the test accuracy of the written file in ONNX Runtime on the run's test
/// split. Kinds or genomes ONNX cannot carry are refused with the reason (<see cref="NotSupportedException"/>, exit 2).
/// </summary>
internal static class OnnxExport
{
    /// <summary>How the run's data spec is written into the model's metadata (<c>evoprune.data</c>).</summary>
    public static readonly JsonSerializerOptions DataJson = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Metadata every exported model carries.</summary>
    public static Dictionary<string, string> Metadata(RunInspection run, ScoredGenome member, DataSpec? data, long kept, double sparsity)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(member);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["evoprune.run"] = run.Spec.RunId,
            ["evoprune.kind"] = run.Spec.Kind,
            ["evoprune.genome"] = member.Genome.Id,
            ["evoprune.fitness"] = member.Report.Fitness.ToString("R", CultureInfo.InvariantCulture),
            ["evoprune.kept_weights"] = kept.ToString(CultureInfo.InvariantCulture),
            ["evoprune.sparsity"] = sparsity.ToString("R", CultureInfo.InvariantCulture),
            ["evoprune.version"] = OnnxGraphBuilder.Version,
            ["evoprune.seed"] = run.Spec.Seed.ToString(CultureInfo.InvariantCulture),
        };
        if (data != null)
        {
            metadata["evoprune.data"] = JsonSerializer.Serialize(data, DataJson);
        }

        return metadata;
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> and measures it on <paramref name="test"/> in ONNX Runtime.</summary>
    public static double WriteAndMeasure(global::Onnx.ModelProto model, string path, Data.LabeledData test)
    {
        ArgumentNullException.ThrowIfNull(model);
        File.WriteAllBytes(path, model.ToByteArray());
        using var classifier = OnnxClassifier.Load(path);
        return OnnxEvaluation.Run(classifier, test).Accuracy;
    }

    /// <summary>
    /// Trains an activations genome's network as ActivationEvaluator did (same initialisation, minibatch order, epochs and
    /// training set: train ∪ validation for the final genome), and its TorchSharp test accuracy.
    /// </summary>
    internal static (MaskedNetwork Network, double TestAccuracy) RetrainActivations(RunInspection run, ScoredGenome member, TorchSharp.torch.Device device, IReadOnlyList<string> dataDirectories)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(member);
        var spec = run.Spec;
        var settings = ActivationKind.ReadSettings(spec);
        var candidate = ActivationKind.Decode(member.Genome);
        var data = DataCache.Prepare(settings.Data, spec.Seed, dataDirectories, device);
        var architecture = settings.Model.Build(data.Splits.Train);
        var functions = ActivationKind.LayerFunctions(architecture, candidate.Functions);
        using var joined = candidate.Final ? DeviceData.Concat(data.Train, data.Validation) : null;
        var batch = settings.BatchSize > 0 ? settings.BatchSize : Math.Max(1, (data.Train.Count + data.Validation.Count + 9) / 10);
        var trainer = new Trainer(settings.Training with { Epochs = candidate.Final ? settings.FinalEpochs : settings.MiniEpochs, BatchSize = batch, MaxSteps = 0 });
        var network = new MaskedNetwork(architecture, functions, null, RandomKey.ForPurpose(spec.Seed, "activations/init"), device, settings.Model.Init);
        trainer.Fit(network, joined ?? data.Train, RandomKey.ForPurpose(spec.Seed, "activations/shuffle"));
        return (network, Trainer.Accuracy(network, data.Test, settings.Training.EvalBatchSize));
    }

    /// <summary>Writes a masked network (compacted on request) with the run's normalisation and measures it in ONNX Runtime.</summary>
    internal static OnnxExportResult Write(RunInspection run, ScoredGenome member, NetworkWeights network, DataSpec data, string folder, bool compact, IReadOnlyList<string> dataDirectories, double torchTestAccuracy, string? what = null)
    {
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"retrained {member.Genome.Id} ({what ?? network.Architecture}); TorchSharp test accuracy {torchTestAccuracy:F4}"),
        };
        var total = network.TotalWeights;
        if (compact)
        {
            var (compacted, removed) = NetworkCompaction.Compact(network);
            notes.AddRange(removed.Select(r => $"compact: {r.Layer} {r.Before} -> {r.After} units ({r.Before - r.After} removed)"));
            network = compacted;
        }

        var normalization = ModelData.Statistics(data, run.Spec.Seed, dataDirectories);
        var test = ModelData.RawTest(data, run.Spec.Seed, dataDirectories);
        var kept = network.KeptWeights;
        var sparsity = 1.0 - ((double)kept / total);
        var model = NetworkOnnx.ToModel(network, normalization, Metadata(run, member, data, kept, sparsity));
        var path = Path.Combine(folder, $"{member.Genome.Id}{(compact ? ".compact" : string.Empty)}.onnx");
        var accuracy = WriteAndMeasure(model, path, test);
        return new OnnxExportResult(path, accuracy, kept, sparsity, notes);
    }

    /// <summary>Normalisation statistics of the training split (null when the data spec asks for none).</summary>
    private static class ModelData
    {
        public static NormalizationStats? Statistics(DataSpec data, ulong seed, IReadOnlyList<string> dirs) => DataCache.Load(data, seed, dirs).Normalization;

        public static Data.LabeledData RawTest(DataSpec data, ulong seed, IReadOnlyList<string> dirs) => DataCache.Load(data with { Normalization = NormalizationMode.None }, seed, dirs).Test;
    }
}
