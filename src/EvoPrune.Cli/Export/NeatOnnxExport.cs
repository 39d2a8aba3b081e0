using System.Globalization;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Data;
using EvoPrune.Data.Normalization;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Neat;
using EvoPrune.Learning.Onnx;

namespace EvoPrune.Cli.Export;

/// <summary>
/// NEAT genomes as ONNX (<see cref="NeatOnnx"/>). Feed-forward runs only: a recurrent network's output depends on
/// the state its previous activation left, which a one-pass graph cannot carry, so it is refused. Classification runs
/// export the evolved topology with the weights <c>export</c> trains by gradient descent (as the TorchSharp export
/// does), the normalisation inside the graph, and are measured on the test split; XOR runs are measured on the four
/// patterns (class 1 when the output is above 0.5); control tasks (pole balancing, multiplexers) have no labelled
/// test split and report NaN.
/// </summary>
internal static class NeatOnnxExport
{
    public static OnnxExportResult Export(RunInspection run, ScoredGenome member, string folder, TorchSharp.torch.Device device, IReadOnlyList<string> dataDirectories, bool compact, int epochs)
    {
        var settings = NeatKind.ReadSettings(run.Spec);
        if (!settings.Neat.FeedForward)
        {
            throw new NotSupportedException($"NEAT genome {member.Genome.Id} of run '{run.Spec.RunId}' is recurrent (feed-forward: false): its outputs depend on the state its previous activation left, which one pass of an ONNX graph cannot carry. Export it with --format torchsharp (genome JSON).");
        }

        if (compact)
        {
            throw new NotSupportedException("--compact applies to masked networks; a NEAT network holds only the neurons and links it evolved.");
        }

        var genome = RunInspection.NeatNetwork(member.Genome);
        var slope = settings.Neat.SigmoidSlope;
        var notes = new List<string>();
        NormalizationStats? normalization = null;
        LabeledData? test = null;
        Learning.Experiments.DataSpec? data = null;
        if (settings.Task == NeatRunSettings.ClassificationTaskName)
        {
            data = settings.Data!;
            var splits = DataCache.Load(data, run.Spec.Seed, dataDirectories);
            var (module, report) = NeatWeightTraining.Train(genome, splits, run.Spec.Seed, epochs, device: device);
            using (module)
            {
                genome = module.ToGenome();
            }

            // NeatModule trains with the paper's slope; the graph uses the slope the trained weights were fitted with.
            slope = Evolution.Neat.Phenotypes.Sigmoid.PaperSlope;
            normalization = splits.Normalization;
            test = DataCache.Load(data with { Normalization = NormalizationMode.None }, run.Spec.Seed, dataDirectories).Test;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"trained the evolved topology's weights for {epochs} epochs: TorchSharp test accuracy {report.EvolvedTestAccuracy:F4} -> {report.TrainedTestAccuracy:F4}"));
        }
        else if (settings.Task == "xor")
        {
            test = Xor();
        }
        else
        {
            notes.Add($"task '{settings.Task}' has no labelled test split: test_accuracy is NaN");
        }

        var kept = genome.Connections.LongCount(c => c.Enabled && c.Weight != 0);
        var total = genome.Connections.LongCount(c => c.Enabled);
        var sparsity = total == 0 ? 0 : 1.0 - ((double)kept / total);
        var model = NeatOnnx.ToModel(genome, slope, normalization, OnnxExport.Metadata(run, member, data, kept, sparsity));
        var path = Path.Combine(folder, $"{member.Genome.Id}.onnx");
        var accuracy = test == null ? WriteOnly(model, path) : OnnxExport.WriteAndMeasure(model, path, test);
        notes.Add($"NEAT network: {genome.HiddenCount} hidden nodes, {total} enabled connections, sigmoid slope {slope.ToString(CultureInfo.InvariantCulture)}");
        return new OnnxExportResult(path, accuracy, kept, sparsity, notes);
    }

    /// <summary>The XOR task's four patterns as a labelled set (label = a XOR b).</summary>
    public static LabeledData Xor() => new("xor", [0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0], 2, ["0", "1"]);

    private static double WriteOnly(global::Onnx.ModelProto model, string path)
    {
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        using var check = OnnxClassifier.Load(path);
        return double.NaN;
    }
}
