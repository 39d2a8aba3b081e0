using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cli.Output;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Kinds;
using EvoPrune.Cluster.Kinds.Activations;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune activations-compare config.yaml</c>: the comparison of Lapid and Sipper — every method on every dataset
/// for several seeds, each an ordinary engine run in one localhost silo (so each checkpoints and resumes), then one
/// table. Runs already completed in the store are reused and unfinished ones resumed, so an interrupted comparison
/// continues where it stopped.
/// </summary>
internal static class ActivationsCompareCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var config = new Argument<string>("config") { Description = "An activations config (kind: activations); its method, dataset and seed are varied" };
        var methods = new Option<string[]>("--methods") { Description = "Methods to run", DefaultValueFactory = _ => [.. ActivationSettings.Methods], AllowMultipleArgumentsPerToken = true };
        var datasets = new Option<string[]>("--datasets") { Description = "Datasets to run on (default: the config's)", AllowMultipleArgumentsPerToken = true };
        var seeds = new Option<int[]>("--seeds") { Description = "Seeds (one run per seed)", DefaultValueFactory = _ => [1, 2, 3], AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Markdown report to write (a .json beside it); default: NAME-comparison.md in the store" };
        var shared = new SiloOptionSet();
        var command = new Command("activations-compare", "Run every activation-search method on datasets and seeds and write the comparison table")
        {
            config, methods, datasets, seeds, output,
        };
        shared.AddTo(command);
        command.SetAction((parse, ct) => Errors.GuardAsync(async () =>
        {
            var file = parse.GetValue(config)!;
            var experiment = ExperimentConfigReader.Read(file);
            var run = experiment.Run;
            if (run?.Kind != ActivationKind.KindName)
            {
                throw new ArgumentException($"{file}: activations-compare needs a config with run.kind: activations (this one has {run?.Kind ?? "no run section"}).");
            }

            var chosen = parse.GetValue(methods)!;
            foreach (var m in chosen.Where(m => !ActivationSettings.Methods.Contains(m)))
            {
                throw new ArgumentException($"--methods: unknown method '{m}'. Known: {string.Join(", ", ActivationSettings.Methods)}.");
            }

            var baseSettings = JsonSerializer.Deserialize<ActivationSettings>(run.SettingsJson, KindSupport.Json)!;
            var sets = parse.GetValue(datasets) is { Length: > 0 } d ? d : [baseSettings.Data.Dataset];
            var settings = shared.BindEmbedded(parse);
            using var host = SiloHostBuilder.Build(settings);
            var registry = host.Services.GetRequiredService<GenomeKindRegistry>();
            var plans = (from dataset in sets from method in chosen from seed in parse.GetValue(seeds)! select Plan(experiment, baseSettings, dataset, method, (ulong)seed)).ToArray();
            foreach (var plan in plans)
            {
                // The kind's refusal names the config's file and line; nothing is written before every plan passes.
                RunSpecFactory.Validate(registry, plan.Spec, experiment);
            }

            SiloStores.Prepare(settings.Store);
            var store = SiloStores.Open(settings.Store);

            await host.StartAsync(ct);
            var results = new List<ActivationComparison.Result>();
            try
            {
                var grains = host.Services.GetRequiredService<IGrainFactory>();
                var done = 0;
                foreach (var plan in plans)
                {
                    done++;
                    var spec = plan.Spec;
                    var record = await store.LoadRecordAsync(spec.RunId, ct);
                    if (record?.Phase != RunPhase.Completed)
                    {
                        Errors.Info($"[{done}/{plans.Length}] {spec.RunId}: {(record == null ? "starting" : "resuming")} ({plan.Method} on {plan.Dataset}, seed {spec.Seed})");
                        var grain = grains.GetGrain<IRunGrain>(spec.RunId);
                        _ = record == null ? await grain.StartAsync(spec) : await grain.ResumeAsync();
                        var final = await RunMonitor.WatchAsync(grains, spec.RunId, ct);
                        if (final.Phase != RunPhase.Completed)
                        {
                            throw new InvalidOperationException($"Run {spec.RunId} ended {final.Phase}; run the command again to resume it.");
                        }
                    }
                    else
                    {
                        Errors.Info($"[{done}/{plans.Length}] {spec.RunId}: already completed, reused");
                    }

                    var checkpoint = await store.LoadLatestCheckpointAsync(spec.RunId, warning => Errors.Info($"warning: {warning}"))
                        ?? throw new InvalidOperationException($"Run {spec.RunId} has no readable checkpoint.");
                    var last = checkpoint.History[^1];
                    var result = ActivationComparison.FromCheckpoint(plan.Dataset, plan.Method, spec.Seed, checkpoint, last.BestSummary);
                    results.Add(result);
                    Errors.Info(string.Create(CultureInfo.InvariantCulture, $"  test accuracy {result.TestAccuracy:0.0000} (best validation in search {result.SearchFitness:0.0000}); {result.Functions}"));
                }
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }

            var path = parse.GetValue(output) ?? (store is FileRunStore
                ? Path.Combine(settings.Store, $"{experiment.Name}-comparison.md")
                : Path.Combine(Directory.CreateDirectory("reports").FullName, $"{experiment.Name}-comparison.md"));
            var commandLine = $"evoprune activations-compare {file} --methods {string.Join(' ', chosen)} --datasets {string.Join(' ', sets)} --seeds {string.Join(' ', parse.GetValue(seeds)!)}";
            var markdown = ActivationComparison.ToMarkdown(results, commandLine);
            File.WriteAllText(path, markdown);
            File.WriteAllText(Path.ChangeExtension(path, ".json"), JsonSerializer.Serialize(results, Indented));
            Console.WriteLine(markdown);
            Errors.Info($"Wrote {path} and {Path.ChangeExtension(path, ".json")}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static (RunSpec Spec, string Dataset, string Method) Plan(ExperimentConfig experiment, ActivationSettings baseSettings, string dataset, string method, ulong seed)
    {
        var settings = baseSettings with { Method = method, Data = baseSettings.Data with { Dataset = dataset } };
        var json = JsonSerializer.Serialize(settings, KindSupport.Json);
        var shape = ActivationKind.Shape(settings);
        var run = experiment.Run! with { SettingsJson = json, Generations = shape.Generations, Populations = shape.Populations, Population = shape.PopulationSize };
        var runId = string.Create(CultureInfo.InvariantCulture, $"{experiment.Name}-{dataset}-{method}-s{seed}");
        return (RunSpecFactory.Create(experiment with { Seed = seed, Run = run }, runId, TimeProvider.System), dataset, method);
    }
}
