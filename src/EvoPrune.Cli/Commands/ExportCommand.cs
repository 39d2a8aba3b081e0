using System.CommandLine;
using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cli.Kinds;
using EvoPrune.Learning.Devices;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune export RUNID --genome best</c>: writes the genome as JSON and its trained weights (TorchSharp's format,
/// loadable with <c>module.load</c>), or with <c>--format onnx</c> <c>GENOME.onnx</c> (<see cref="OnnxExport"/>), through
/// the tools registered for the run's kind (<see cref="KindTools"/>): sparse masks are retrained exactly as their
/// evaluation did, so the weights reproduce the fitness; NEAT genomes are written as genes.
/// </summary>
internal static class ExportCommand
{
    public const string TorchSharpFormat = "torchsharp";
    public const string OnnxFormat = "onnx";

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
            var request = new ExportRequest(folder, parse.GetValue(compact), parse.GetValue(epochs), DeviceSelector.Resolve(DeviceSpec.Parse(parse.GetValue(device)!)), parse.GetValue(dataDirs) ?? []);
            if (parse.GetValue(format) == OnnxFormat)
            {
                var result = run.Tools.ExportOnnx(run, member, request);
                foreach (var note in result.Notes)
                {
                    Console.WriteLine(note);
                }

                Console.WriteLine(result.LastLine);
                return ExitCodes.Ok;
            }

            run.Tools.ExportWeights(run, member, request);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
