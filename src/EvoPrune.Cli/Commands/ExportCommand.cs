using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoPrune.Cli.Inspection;
using EvoPrune.Learning.Devices;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune export RUNID --genome best</c>: writes the genome (JSON: id, fitness, scores, per-layer densities,
/// packed mask) and the trained weights (TorchSharp's format, loadable with <c>module.load</c>). The weights come from
/// retraining the genome exactly as its evaluation did, so they reproduce its fitness.
/// </summary>
internal static class ExportCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var runId = new Argument<string>("run-id") { Description = "The run" };
        var genome = new Option<string>("--genome") { Description = "Genome id, or 'best'", DefaultValueFactory = _ => "best" };
        var output = new Option<string?>("--out") { Description = "Folder to write to (default: the run's export/ folder)" };
        var store = CommonOptions.Store();
        var device = CommonOptions.Device();
        var dataDirs = CommonOptions.DataDirectories();
        var command = new Command("export", "Write a genome and its trained weights") { runId, genome, output, store, device, dataDirs };
        command.SetAction((parse, _) => Errors.GuardAsync(() =>
        {
            var run = RunInspection.Load(parse.GetValue(store)!, parse.GetValue(runId)!, parse.GetValue(dataDirs) ?? []);
            var member = run.Find(parse.GetValue(genome)!);
            var folder = Directory.CreateDirectory(parse.GetValue(output) ?? Path.Combine(run.Folder, "export")).FullName;
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

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
