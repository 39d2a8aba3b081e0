using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvoPrune.Cli.Export;
using EvoPrune.Data;
using EvoPrune.Data.Normalization;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Onnx;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune predict MODEL.onnx --data DATASET [--split test] [--out predictions.csv]</c>: runs an exported model in
/// ONNX Runtime on a catalog dataset as its reader yields it (the model normalises inside), prints the accuracy and the
/// confusion matrix, and writes one CSV row per sample. When the model was exported from a run on the same dataset, the
/// run's split (seed, validation fraction, caps) is used, so the test split is the one export measured.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "An ONNX model written by evoprune export --format onnx" };
        var data = new Option<string>("--data") { Description = "Dataset name, as evoprune datasets lists them", Required = true };
        var split = new Option<string>("--split") { Description = "train, validation or test", DefaultValueFactory = _ => "test" };
        split.AcceptOnlyFromAmong("train", "validation", "test");
        var output = new Option<string?>("--out") { Description = "CSV of predictions: index, label, predicted, one probability per class" };
        var dataDirs = CommonOptions.DataDirectories();
        var command = new Command("predict", "Run an exported ONNX model on a dataset: accuracy, confusion matrix, predictions") { model, data, split, output, dataDirs };
        command.SetAction((parse, _) => Errors.GuardAsync(() =>
        {
            using var classifier = OnnxClassifier.Load(parse.GetValue(model)!, threads: 1);
            var (spec, seed, origin) = DataOf(classifier, parse.GetValue(data)!);
            var splits = DataCache.Load(spec, seed, parse.GetValue(dataDirs) ?? []);
            var set = parse.GetValue(split) switch
            {
                "train" => splits.Train,
                "validation" => splits.Validation,
                _ => splits.Test,
            };
            var evaluation = OnnxEvaluation.Run(classifier, set);
            if (parse.GetValue(output) is { } csv)
            {
                WriteCsv(csv, evaluation);
            }

            Print(classifier, set, evaluation, origin);
            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    // The run's data spec and seed when the model came from a run on this dataset; the catalog's defaults otherwise.
    private static (DataSpec Spec, ulong Seed, string Origin) DataOf(OnnxClassifier model, string dataset)
    {
        if (model.Metadata.TryGetValue("evoprune.data", out var json)
            && JsonSerializer.Deserialize<DataSpec>(json, OnnxExport.DataJson) is { } spec
            && string.Equals(spec.Dataset, dataset, StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(model.Metadata.GetValueOrDefault("evoprune.seed"), CultureInfo.InvariantCulture, out var seed))
        {
            return (spec with { Normalization = NormalizationMode.None }, seed, $"the splits of run {model.Metadata.GetValueOrDefault("evoprune.run")} (seed {seed})");
        }

        return (new DataSpec { Dataset = dataset, Normalization = NormalizationMode.None }, 0, "the catalog's splits (seed 0)");
    }

    private static void WriteCsv(string path, OnnxEvaluation evaluation)
    {
        var text = new StringBuilder();
        text.AppendLine("index,label,predicted," + string.Join(',', Enumerable.Range(0, evaluation.Classes).Select(c => $"p{c}")));
        for (var i = 0; i < evaluation.Labels.Length; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{evaluation.Labels[i]},{evaluation.Predicted[i]}");
            for (var c = 0; c < evaluation.Classes; c++)
            {
                text.Append(',').Append(evaluation.Probabilities[(i * evaluation.Classes) + c].ToString("R", CultureInfo.InvariantCulture));
            }

            text.AppendLine();
        }

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text.ToString());
        Console.WriteLine($"predictions: {full}");
    }

    private static void Print(OnnxClassifier model, LabeledData set, OnnxEvaluation evaluation, string origin)
    {
        Console.WriteLine($"{model.Path}: {set.Name} split of {origin}, {set.Count} samples, {model.Classes} classes");
        var matrix = evaluation.Confusion();
        var width = Math.Max(5, set.ClassNames.Max(n => n.Length) + 1);
        Console.WriteLine("confusion matrix (rows: true class, columns: predicted)");
        Console.WriteLine(new string(' ', width) + string.Concat(set.ClassNames.Select(n => n.PadLeft(width))));
        for (var r = 0; r < evaluation.Classes; r++)
        {
            Console.WriteLine(set.ClassNames[r].PadLeft(width) + string.Concat(Enumerable.Range(0, evaluation.Classes).Select(c => matrix[r, c].ToString(CultureInfo.InvariantCulture).PadLeft(width))));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy={evaluation.Accuracy:F4} samples={set.Count}"));
    }
}
