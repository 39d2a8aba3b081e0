using System.CommandLine;
using System.Globalization;
using EvoPrune.Cli.Configuration;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using Spectre.Console;

namespace EvoPrune.Cli.Commands;

/// <summary><c>evoprune train config.yaml</c>: trains one dense or randomly masked network and prints its report.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "Experiment YAML file (data, model, training, optional mask.density)" };
        var device = CommonOptions.Device();
        var dataDirs = CommonOptions.DataDirectories();
        var command = new Command("train", "Train one network on real data and print its report") { config, device, dataDirs };
        command.SetAction((parse, ct) => Errors.GuardAsync(() =>
        {
            var experiment = ExperimentConfigReader.Read(parse.GetValue(config)!);
            var deviceText = parse.GetResult(device) is { Implicit: false } ? parse.GetValue(device)! : experiment.Device;
            return Task.FromResult(Run(experiment, DeviceSpec.Parse(deviceText), parse.GetValue(dataDirs) ?? [], ct));
        }));
        return command;
    }

    private static int Run(ExperimentConfig experiment, DeviceSpec deviceSpec, IReadOnlyList<string> dataDirs, CancellationToken ct)
    {
        var device = DeviceSelector.Resolve(deviceSpec);
        AnsiConsole.MarkupLine($"Loading [bold]{Markup.Escape(experiment.Data.Dataset)}[/] ...");
        var data = DataCache.Prepare(experiment.Data, experiment.Seed, dataDirs, device);
        var architecture = experiment.Model.Build(data.Splits.Train);
        var masks = RandomMasks(architecture, experiment.MaskDensity, experiment.Seed);
        using var network = new MaskedNetwork(architecture, experiment.Model.Activations, masks, RandomKey.ForPurpose(experiment.Seed, "init"), device, experiment.Model.Init);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{architecture.Name} on {device}: {network.KeptWeights:N0} of {network.TotalWeights:N0} weights kept; train {data.Train.Count:N0}, validation {data.Validation.Count:N0}, test {data.Test.Count:N0}")));

        var progress = new Progress<TrainingProgress>(p =>
        {
            if (p.Step % p.StepsPerEpoch == 0)
            {
                AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs}  step {p.Step}  loss {p.Loss:F4}")));
            }
        });
        TrainingReport report;
        try
        {
            report = new Trainer(experiment.Training).Train(network, data.Train, data.Validation, data.Test, RandomKey.ForPurpose(experiment.Seed, "shuffle"), progress, ct);
        }
        catch (TrainingDivergedException ex)
        {
            Errors.Report(ex.Message);
            return ExitCodes.Failed;
        }

        Print(report);
        return ExitCodes.Ok;
    }

    private static IReadOnlyList<bool[]>? RandomMasks(ArchitectureSpec architecture, double density, ulong seed)
    {
        if (density >= 1.0)
        {
            return null;
        }

        var layout = new MaskLayout(architecture.Describe().Select(l => checked((int)l.Weights)));
        var mask = new MaskGenomeFactory(layout, density).Create(RandomSources.For(RandomKey.ForPurpose(seed, "random-mask")));
        return Enumerable.Range(0, layout.LayerCount).Select(l => mask.LayerBits(l).ToArray()).ToArray();
    }

    private static void Print(TrainingReport r)
    {
        string Pct(double? v) => v is { } x ? x.ToString("P2", CultureInfo.InvariantCulture) : "-";
        var table = new Table().Title("Training report").AddColumns("measure", "value");
        table.AddRow("test accuracy", Pct(r.TestAccuracy));
        table.AddRow("validation accuracy", Pct(r.ValidationAccuracy));
        table.AddRow("loss per epoch", string.Join(" ", r.EpochLosses.Select(l => l.ToString("F4", CultureInfo.InvariantCulture))));
        table.AddRow("kept weights", string.Create(CultureInfo.InvariantCulture, $"{r.KeptWeights:N0} / {r.TotalWeights:N0}"));
        table.AddRow("sparsity", r.Sparsity.ToString("P2", CultureInfo.InvariantCulture));
        table.AddRow("kept MACs per sample", string.Create(CultureInfo.InvariantCulture, $"{r.KeptMacs:N0} (dense {r.DenseMacs:N0}, speed-up {r.TheoreticalSpeedup:F2}x)"));
        table.AddRow("steps", r.Steps.ToString(CultureInfo.InvariantCulture));
        table.AddRow("wall time", r.WallTime.ToString(@"m\:ss\.f", CultureInfo.InvariantCulture));
        table.AddRow("device", r.Device);
        AnsiConsole.Write(table);
        // One plain line as well, for scripts and tests.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test_accuracy={r.TestAccuracy ?? double.NaN:F4} sparsity={r.Sparsity:F4} kept_weights={r.KeptWeights}"));
    }
}
