using System.Diagnostics;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Hosting;
using EvoPrune.Cluster.Kinds.Pruning;
using EvoPrune.Cluster.Storage;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace EvoPrune.Cluster.Tests.Engine;

/// <summary>
/// The engine's flow on a real in-process silo with a kind defined only in this project: generations advance when the
/// last report arrives (no tick), a slow store holds up only the run it serves, and the same seed gives the same
/// history whatever the checkpoint policy.
/// </summary>
[Collection(EngineRuns.Name)]
public sealed class EngineFlowTests : IAsyncLifetime
{
    private TestSilos? _silos;

    private IGrainFactory Grains => _silos!.Client;

    public async Task InitializeAsync()
    {
        _silos = await TestSilos.StartAsync<Configurator>();
    }

    public async Task DisposeAsync()
    {
        await _silos!.DisposeAsync();
    }

    [Fact]
    public async Task Run_KindDefinedInTheTestProject_RunsEndToEndAndReplaysExactlyUnderAnyCheckpointPolicy()
    {
        var everyGeneration = await RunAsync(Spec("onemax-a", 40) with { CheckpointEverySeconds = 0 });
        var everySeven = await RunAsync(Spec("onemax-b", 40) with { CheckpointEverySeconds = 0, CheckpointEveryGenerations = 7 });

        Assert.Equal(RunPhase.Completed, everyGeneration.Phase);
        Assert.Equal(40, everyGeneration.History.Count);
        Assert.True(everyGeneration.History[^1].BestFitness > everyGeneration.History[0].BestFitness, "OneMax did not improve");
        Assert.Equal(everyGeneration.History.Select(h => (h.BestFitness, h.MeanFitness, h.BestGenomeId)), everySeven.History.Select(h => (h.BestFitness, h.MeanFitness, h.BestGenomeId)));
        // Checkpoints after generations 6, 13, ..., 34 and the last one (39); the store keeps the newest five.
        Assert.Equal(
            ["gen-000020.ckpt", "gen-000027.ckpt", "gen-000034.ckpt", "gen-000039.ckpt"],
            Directory.GetFiles(Path.Combine(_silos!.Store, "onemax-b", "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal).TakeLast(4));
        Assert.Contains("ones", everyGeneration.History[^1].BestSummary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SlowStoreUnderOneRun_StatusAnswersAtOnceAndASecondRunIsNotHeldUp()
    {
        SlowRunStore.SlowRun = "slow-run";
        SlowRunStore.Delay = TimeSpan.FromSeconds(2);
        var slow = Grains.GetGrain<IRunGrain>("slow-run");
        await slow.StartAsync(Spec("slow-run", 20) with { CheckpointEverySeconds = 0 });

        // While the slow run waits seconds on each write, its status and the directory still answer promptly...
        var slowest = TimeSpan.Zero;
        var statusCalls = 0;
        var clock = Stopwatch.StartNew();
        var fast = RunAsync(Spec("fast-run", 30));
        while (clock.Elapsed < TimeSpan.FromSeconds(6))
        {
            var call = Stopwatch.StartNew();
            var status = await slow.GetStatusAsync();
            await Grains.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key).GetActiveRunsAsync();
            slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
            statusCalls++;
            Assert.False(status.IsFinished);
            await Task.Delay(100);
        }

        // ...and a second run on the same silo finishes 30 generations while the slow one is still at its first ones.
        var fastStatus = await fast;
        var slowStatus = await slow.GetStatusAsync();
        Assert.Equal(RunPhase.Completed, fastStatus.Phase);
        Assert.Equal(30, fastStatus.History.Count);
        // Each slow generation waits 2 s on its checkpoint (reports are written behind), so about 6 s give it a few.
        Assert.True(slowStatus.History.Count < 6, $"the slow run already has {slowStatus.History.Count} generations");
        Assert.True(statusCalls >= 20, $"only {statusCalls} status calls in 6 s");
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a status call took {slowest.TotalMilliseconds:F0} ms while the store was slow");
        await slow.StopAsync();
    }

    [Fact]
    public async Task WaitUntilFinished_RunningRun_AnswersAfterItsWaitAndAtOnceWhenTheRunEnds()
    {
        var run = Grains.GetGrain<IRunGrain>("followed");
        await run.StartAsync(Spec("followed", 1_000_000));

        // Still running: the wait runs out and answers with where the run is.
        var running = await run.WaitUntilFinishedAsync(TimeSpan.FromMilliseconds(50));
        Assert.False(running.IsFinished, $"phase {running.Phase}");

        // A follower waiting an hour hears of the end when it comes (the stop after the current generation); the
        // two-minute bound only keeps a broken signal from hanging the test run.
        var waiting = run.WaitUntilFinishedAsync(TimeSpan.FromHours(1));
        await run.StopAsync();
        var ended = await waiting.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(RunPhase.Stopped, ended.Phase);
        Assert.True(ended.History.Count > 0, "the stopped run has no history");

        // A finished run answers at once, whatever the wait.
        Assert.Equal(RunPhase.Stopped, (await run.WaitUntilFinishedAsync(TimeSpan.FromHours(1)).WaitAsync(TimeSpan.FromMinutes(2))).Phase);
    }

    [Fact]
    public async Task Run_PruningRunStartedOnTheGrainAsSubmitDoes_WritesItsReportIntoTheRunFolder()
    {
        // What `submit` does: a client calls StartAsync on the run grain and nothing of the CLI runs afterwards.
        var settings = new PruningSettings
        {
            Data = new DataSpec { Dataset = "usps", ValidationFraction = 0.2, MaxTrain = 300, MaxValidation = 100, MaxTest = 200 },
            Model = new ModelSpec { Architecture = "mlp", Hidden = [16] },
            Training = new TrainerOptions { Epochs = 1, BatchSize = 50, LearningRate = 0.1 },
            Methods = ["random", "magnitude"],
            Sparsities = [0.5],
            Seeds = [5],
        };
        var spec = new RunSpec("pruning-submitted", PruningKind.KindName, 5, 1, settings.Cells().Count, ["main"], JsonSerializer.Serialize(settings, PruningKind.Json), "test");

        var status = await RunAsync(spec);

        Assert.Equal(RunPhase.Completed, status.Phase);
        var report = File.ReadAllText(Path.Combine(_silos!.Store, spec.RunId, PruningRunReport.MarkdownName));
        Assert.Contains("| random | 50.0 % |", report, StringComparison.Ordinal);
        Assert.Contains("| magnitude | 50.0 % |", report, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_silos!.Store, spec.RunId, PruningRunReport.JsonName)));
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToArray();
        Assert.Equal(3, cells.Length);
        Assert.All(cells, c => Assert.InRange(c.GetProperty("report").GetProperty("topOneAccuracy").GetDouble(), 0.1, 1));
        Assert.False(File.Exists(PruningRunReport.MarkdownName), "the report went into the working directory");

        // Every cell's network was timed in ONNX Runtime, masked and compacted, at batch 1 and 256 (figures, not values, checked).
        Assert.Contains("| method | target sparsity | theoretical speed-up | compacted MACs | measured, batch 1 | measured, batch 256 |", report, StringComparison.Ordinal);
        Assert.Contains("| random | 50.0 % | 2.00× |", report, StringComparison.Ordinal);
        Assert.All(cells, c =>
        {
            var inference = c.GetProperty("inference");
            Assert.Equal([1, 256], inference.GetProperty("batches").EnumerateArray().Select(b => b.GetInt32()));
            foreach (var name in new[] { "maskedSamplesPerSecond", "compactedSamplesPerSecond", "measuredSpeedup" })
            {
                var values = inference.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
                Assert.Equal(2, values.Length);
                Assert.All(values, v => Assert.True(double.IsFinite(v) && v > 0, $"{name} {v}"));
            }

            Assert.InRange(inference.GetProperty("compactedMacs").GetInt64(), 1, c.GetProperty("report").GetProperty("denseMacs").GetInt64());
        });
    }

    private static RunSpec Spec(string runId, int generations) =>
        new(runId, OneMaxKind.KindName, 11, generations, 24, ["main"], "{}", "test") { StopWhenSolved = false };

    private async Task<RunStatus> RunAsync(RunSpec spec)
    {
        var run = Grains.GetGrain<IRunGrain>(spec.RunId);
        var status = await run.StartAsync(spec);
        var until = DateTime.UtcNow.AddMinutes(2);
        while (!status.IsFinished && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
            status = await run.GetStatusAsync();
        }

        return status;
    }

    /// <summary>The engine with the test kind, on a file store that one run finds slow.</summary>
    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseInMemoryReminderService();
            var store = TestSilos.StoreOf(siloBuilder);
            siloBuilder.Services.AddSingleton<IRunStore>(new SlowRunStore(new FileRunStore(store)));
            siloBuilder.AddEvoPruneFileStore(store);
            siloBuilder.AddEvoPruneEngine(o => o.Device = "cpu");
            siloBuilder.AddGenomeKind<OneMaxKind>();
        }
    }
}
