using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using EvoPrune.Bench;
using Spectre.Console;

// The EvoPrune benchmark suite: dotnet run -c Release --project src/EvoPrune.Bench -- [--quick] [--out bench.json] [--threads 1] [--items 1,2] [--store postgres://...]
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

EvoPrune.Learning.Native.TorchRuntime.EnsureLoaded();
TorchSharp.torch.set_num_threads(options.Threads);
var machine = new Dictionary<string, string>(StringComparer.Ordinal)
{
    ["cpu"] = CpuModel(),
    ["cores"] = Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture),
    ["torch_threads"] = TorchSharp.torch.get_num_threads().ToString(CultureInfo.InvariantCulture),
    ["gpu"] = "none (TorchSharp-cpu)",
    ["os"] = RuntimeInformation.OSDescription,
    ["dotnet"] = RuntimeInformation.FrameworkDescription,
};
var clock = Stopwatch.StartNew();
var rows = new List<BenchRow>();
void Add(int item, string name, Func<IEnumerable<BenchRow>> run)
{
    if (!options.Runs(item))
    {
        return;
    }

    var started = clock.Elapsed;
    Console.Error.WriteLine($"[{started:mm\\:ss}] {item}. {name}...");
    rows.AddRange(run());
}

Add(1, "evaluator overhead", () => TrainingBenchmarks.EvaluatorOverhead(options).ToArray());
Add(2, "batched vs sequential population training", () => TrainingBenchmarks.BatchedPopulation(options).ToArray());
Add(3, "sparse-mask training cost vs density", () => TrainingBenchmarks.DensitySweep(options).ToArray());
Add(4, "engine overhead", () => EngineBenchmarks.EngineOverheadAsync(options).GetAwaiter().GetResult());
Add(5, "1 vs 2 silos", () => EngineBenchmarks.ScalingAsync(options).GetAwaiter().GetResult());
Add(6, "NEAT", () => NeatBenchmarks.Run(options).ToArray());
Add(7, "memory over a long run", () => EngineBenchmarks.MemoryAsync(options).GetAwaiter().GetResult());
Add(8, "NEAT on the engine", () => EngineNeatBenchmarks.RunAsync(options).GetAwaiter().GetResult());
Add(9, "ONNX inference", () => OnnxBenchmarks.Run(options).ToArray());
Add(10, "ensemble selection on the engine", () => EnsembleEngineBenchmarks.RunAsync(options).GetAwaiter().GetResult());

var total = clock.Elapsed.TotalSeconds;
var table = new Table()
    .Title($"EvoPrune benchmarks{(options.Quick ? " (quick mode: smallest sizes, 1 repeat)" : string.Empty)}: medians over repeats")
    .AddColumns("#", "item", "measure", "median", "unit", "n", "target", "met", "note");
foreach (var row in rows)
{
    table.AddRow(
        row.Item.ToString(CultureInfo.InvariantCulture),
        Markup.Escape(row.Group),
        Markup.Escape(row.Measure),
        Format(row.Value),
        Markup.Escape(row.Unit),
        row.Repeats.ToString(CultureInfo.InvariantCulture),
        Markup.Escape(row.Target ?? string.Empty),
        row.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => string.Empty },
        Markup.Escape(row.Note ?? string.Empty));
}

// The table is wide; let it be, rather than wrap every cell, when the terminal (or a pipe) reports fewer columns.
AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
AnsiConsole.Write(table);
AnsiConsole.MarkupLine(Markup.Escape($"Machine: {machine["cpu"]}, {machine["cores"]} cores, Torch threads {machine["torch_threads"]}, GPU {machine["gpu"]}; {machine["os"]}, {machine["dotnet"]}. Suite took {total:F0} s."));

var json = new
{
    quick = options.Quick,
    seconds = total,
    machine,
    rows = rows.Select(r => new { item = r.Item, group = r.Group, measure = r.Measure, value = double.IsFinite(r.Value) ? r.Value : (double?)null, unit = r.Unit, repeats = r.Repeats, target = r.Target, met = r.Met, note = r.Note }),
};
// The output folder is created if needed, so a long run is never lost to a missing directory at the end.
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
File.WriteAllText(options.Out, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
var markdown = Path.ChangeExtension(options.Out, ".md");
File.WriteAllLines(markdown, [
    "| # | measure | median | unit | n | target | met | note |",
    "|---|---|---:|---|---:|---|---|---|",
    .. rows.Select(r => $"| {r.Item} | {r.Measure} | {Format(r.Value)} | {r.Unit} | {r.Repeats} | {r.Target} | {r.Met switch { true => "yes", false => "**no**", null => string.Empty }} | {r.Note} |"),
]);
Console.Error.WriteLine($"Wrote {Path.GetFullPath(options.Out)} and {Path.GetFullPath(markdown)}");
return 0;

static string Format(double value) => Math.Abs(value) switch
{
    >= 1000 => value.ToString("N0", CultureInfo.InvariantCulture),
    >= 10 => value.ToString("F1", CultureInfo.InvariantCulture),
    >= 0.01 => value.ToString("F3", CultureInfo.InvariantCulture),
    _ => value.ToString("G3", CultureInfo.InvariantCulture),
};

static string CpuModel()
{
    try
    {
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
    catch (IOException)
    {
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
