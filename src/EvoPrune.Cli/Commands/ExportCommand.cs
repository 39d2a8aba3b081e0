using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Neat;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune export RUNID --genome best</c>: writes the genome (JSON: id, fitness, scores, per-layer densities,
/// packed mask) and the trained weights (TorchSharp's format, loadable with <c>module.load</c>). The weights come from
/// retraining the genome exactly as its evaluation did, so they reproduce its fitness. <c>--format onnx</c> writes
/// <c>GENOME.onnx</c> instead (<see cref="OnnxExport"/>).
/// </summary>
internal static class ExportCommand
{
    public const string TorchSharpFormat = "torchsharp";
    public const string OnnxFormat = "onnx";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run" };
        var genome = new Option<string>("--genome") { Description = "Genome id, or 'best'", DefaultValueFactory = _ => "best" };
        var output = new Option<string?>("--out") { Description = "Folder to write to (default: the run's export/ folder)" };
        var store = CommonOptions.Store();
        var device = CommonOptions.Device();
        var dataDirs = CommonOptions.DataDirectories();
        var epochs = new Option<int>("--epochs") { Description = "NEAT classification runs: epochs of TorchSharp training of the evolved topology's weights", DefaultValueFactory = _ => 100, Validators = { r => CommonOptions.Between(r, 1, 100000) } };
        var format = new Option<string>("--format") { Description = "torchsharp (genome JSON + TorchSharp weights) or onnx (GENOME.onnx, checked in ONNX Runtime on the test split)", DefaultValueFactory = _ => TorchSharpFormat };
        format.AcceptOnlyFromAmong(TorchSharpFormat, OnnxFormat);
        var compact = new Option<bool>("--compact") { Description = "ONNX of masked networks: remove hidden units left with no inputs or no outputs by the mask" };
        var command = new Command("export", "Write a genome and its trained weights") { runId, genome, output, store, device, dataDirs, epochs, format, compact };
        command.SetAction((parse, _) => Errors.GuardAsync(async () =>
        {
            var run = await RunInspection.LoadAsync(parse.GetValue(store)!, parse.GetValue(runId)!, parse.GetValue(dataDirs) ?? []);
            foreach (var warning in run.Warnings)
            {
                Spectre.Console.AnsiConsole.MarkupLine($"[yellow]warning:[/] {Spectre.Console.Markup.Escape(warning)}");
            }

            var member = run.Find(parse.GetValue(genome)!);
            if (parse.GetValue(compact) && parse.GetValue(format) != OnnxFormat)
            {
                throw new ArgumentException("--compact needs --format onnx.");
            }

            var folder = Directory.CreateDirectory(parse.GetValue(output) ?? Path.Combine(run.Folder, "export")).FullName;
            if (parse.GetValue(format) == OnnxFormat)
            {
                var result = OnnxExport.Export(run, member, folder, parse.GetValue(compact), parse.GetValue(epochs), DeviceSelector.Resolve(DeviceSpec.Parse(parse.GetValue(device)!)), parse.GetValue(dataDirs) ?? []);
                foreach (var note in result.Notes)
                {
                    Console.WriteLine(note);
                }

                Console.WriteLine(result.LastLine);
                return ExitCodes.Ok;
            }

            if (run.IsNeat)
            {
                ExportNeat(run, member, folder, parse.GetValue(epochs), DeviceSelector.Resolve(DeviceSpec.Parse(parse.GetValue(device)!)), parse.GetValue(dataDirs) ?? []);
                return ExitCodes.Ok;
            }

            var (network, report) = run.Retrain(member.Genome, DeviceSelector.Resolve(DeviceSpec.Parse(parse.GetValue(device)!)));
            using (network)
            {
                var weights = Path.Combine(folder, $"{member.Genome.Id}.weights.dat");
                network.save(weights);
                var document = new
                {
                    run = run.Spec.RunId,
                    kind = run.Spec.Kind,
                    seed = run.Spec.Seed,
                    genome = member.Genome.Id,
                    population = member.Genome.Population,
                    born = member.Genome.Born,
                    fitness = member.Report.Fitness,
                    scores = member.Report.Scores,
                    architecture = network.Spec.Name,
                    activations = network.Activations,
                    layers = network.Layers.Select((l, i) => new { l.Name, shape = l.WeightShape, kept = network.GetWeights(i).Count(w => w != 0f) }),
                    retrainedValidationAccuracy = report.ValidationAccuracy,
                    retrainedTestAccuracy = report.TestAccuracy,
                    mask = Convert.ToBase64String(member.Genome.Payload),
                    weights = Path.GetFileName(weights),
                };
                var json = Path.Combine(folder, $"{member.Genome.Id}.genome.json");
                File.WriteAllText(json, JsonSerializer.Serialize(document, Json));
                Console.WriteLine($"genome:  {json}");
                Console.WriteLine($"weights: {weights}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fitness {member.Report.Fitness:F4}; retrained validation accuracy {report.ValidationAccuracy:F4}, test accuracy {report.TestAccuracy:F4}"));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// A NEAT genome as JSON (node and connection genes). For the classification task the evolved topology's weights
    /// are then trained with TorchSharp on the run's training split; the trained network is written both as a NEAT
    /// genome (same genes, new weights) and as TorchSharp weights of <see cref="NeatModule"/>.
    /// </summary>
    private static void ExportNeat(RunInspection run, ScoredGenome member, string folder, int epochs, TorchSharp.torch.Device device, IReadOnlyList<string> dataDirectories)
    {
        var evolved = RunInspection.NeatNetwork(member.Genome);
        var settings = NeatKind.ReadSettings(run.Spec);
        var document = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["run"] = run.Spec.RunId,
            ["kind"] = run.Spec.Kind,
            ["task"] = settings.Task,
            ["seed"] = run.Spec.Seed,
            ["genome"] = member.Genome.Id,
            ["fitness"] = member.Report.Fitness,
            ["scores"] = member.Report.Scores,
            ["evolved"] = evolved,
        };
        string? weights = null;
        NeatTrainingReport? report = null;
        if (settings.Task == NeatRunSettings.ClassificationTaskName)
        {
            var data = DataCache.Load(settings.Data!, run.Spec.Seed, dataDirectories);
            var (module, trained) = NeatWeightTraining.Train(evolved, data, run.Spec.Seed, epochs, device: device);
            using (module)
            {
                weights = Path.Combine(folder, $"{member.Genome.Id}.weights.dat");
                module.save(weights);
                document["trained"] = module.ToGenome();
            }

            report = trained;
            document["training"] = trained;
            document["weights"] = Path.GetFileName(weights);
        }

        var json = Path.Combine(folder, $"{member.Genome.Id}.genome.json");
        File.WriteAllText(json, JsonSerializer.Serialize(document, NeatKind.Json));
        Console.WriteLine($"genome:  {json}");
        if (report != null)
        {
            Console.WriteLine($"weights: {weights}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"test accuracy {report.EvolvedTestAccuracy:F4} with the evolved weights, {report.TrainedTestAccuracy:F4} after {epochs} epochs of training ({report.Parameters} weights; validation {report.EvolvedValidationAccuracy:F4} -> {report.TrainedValidationAccuracy:F4})"));
        }
    }
}
