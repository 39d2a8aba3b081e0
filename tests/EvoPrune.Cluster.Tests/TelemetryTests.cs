using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Hosting;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Telemetry;
using EvoPrune.Cluster.Workers;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.TestingHost;

namespace EvoPrune.Cluster.Tests;

/// <summary>
/// A small real run on two in-process silos, observed through OpenTelemetry's in-memory exporters: the instruments
/// hold the run's values and one trace holds the run, its generations and evaluations from both silos.
/// </summary>
[Collection(EngineRuns.Name)]
public sealed class TelemetryTests
{
    private const int Generations = 3;
    private const int Population = 4;

    [Fact]
    public async Task TwoSiloRun_InMemoryExporters_HoldTheRunsMetricsAndOneTraceAcrossBothSilos()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        using var tracer = Sdk.CreateTracerProviderBuilder().AddSource(EvoPruneTelemetry.Name).AddInMemoryExporter(spans).Build();
        using var meter = Sdk.CreateMeterProviderBuilder().AddMeter(EvoPruneTelemetry.Name).AddInMemoryExporter(metrics).Build();

        RunStatus status;
        BothSilos.Reset();
        await using (var silos = await TestSilos.StartAsync<EngineConfigurator>(2))
        {
            var run = silos.Client.GetGrain<IRunGrain>("telemetry");
            await run.StartAsync(Spec());
            var until = DateTime.UtcNow.AddMinutes(3);
            do
            {
                await Task.Delay(250);
                status = await run.GetStatusAsync();
            }
            while (!status.IsFinished && DateTime.UtcNow < until);
        }

        Assert.Equal(RunPhase.Completed, status.Phase);
        tracer.ForceFlush();
        meter.ForceFlush();

        // One trace: run -> generation x3 -> evaluate x4 each, evaluated on both silos.
        var root = Assert.Single(spans, s => s.DisplayName == "run");
        var generations = spans.Where(s => s.DisplayName == "generation").ToArray();
        Assert.Equal(Generations, generations.Length);
        Assert.All(generations, g => Assert.Equal(root.SpanId, g.ParentSpanId));
        var evaluations = spans.Where(s => s.DisplayName == "evaluate").ToArray();
        Assert.True(evaluations.Length >= Generations * Population, $"{evaluations.Length} evaluation spans");
        Assert.All(evaluations, e => Assert.Equal(root.TraceId, e.TraceId));
        Assert.All(evaluations, e => Assert.Contains(generations, g => g.SpanId == e.ParentSpanId));
        Assert.Equal(2, evaluations.Select(e => (string)e.GetTagItem("evoprune.silo")!).Distinct().Count());
        var best = generations.Select(g => Assert.Single(g.Events, e => e.Name == EvoPruneTelemetry.BestGenomeEvent)).ToArray();
        Assert.Equal(status.History.Select(h => h.BestGenomeId), best.Select(b => (string)b.Tags.Single(t => t.Key == "evoprune.genome").Value!));

        // Instruments: the last generation's values and every evaluation counted.
        Assert.Equal(Generations - 1, LastGauge(metrics, EvoPruneTelemetry.GenerationInstrument));
        Assert.Equal(status.History[^1].BestFitness, LastGauge(metrics, EvoPruneTelemetry.BestFitnessInstrument), 12);
        Assert.Equal(status.History[^1].MeanFitness, LastGauge(metrics, EvoPruneTelemetry.MeanFitnessInstrument), 12);
        Assert.Equal(0.8, LastGauge(metrics, EvoPruneTelemetry.BestSparsityInstrument), 2);
        Assert.Equal(0, LastGauge(metrics, EvoPruneTelemetry.QueuedInstrument));
        Assert.Equal(Generations * Population, Sum(metrics, EvoPruneTelemetry.EvaluationsInstrument));
        Assert.Equal(Generations, HistogramCount(metrics, EvoPruneTelemetry.CheckpointDurationInstrument));
        Assert.Equal(Generations * Population, HistogramCount(metrics, EvoPruneTelemetry.EvaluationDurationInstrument));
        // The engine's share of each generation beside the generation's wall time.
        Assert.Equal(Generations, HistogramCount(metrics, EvoPruneTelemetry.GenerationDurationInstrument));
        Assert.Equal(Generations, HistogramCount(metrics, EvoPruneTelemetry.EngineDurationInstrument));
    }

    private static RunSpec Spec()
    {
        var settings = new SparseMaskSettings
        {
            Data = new DataSpec { Dataset = "usps", MaxTrain = 300, MaxValidation = 200 },
            Model = new ModelSpec { Architecture = "mlp", Hidden = [32] },
            Training = new TrainerOptions { Epochs = 1, LearningRate = 0.2, BatchSize = 50 },
            Density = 0.2,
            TournamentSize = 2,
            Elites = 1,
        };
        // No checkpoint rule: every generation is checkpointed, so the checkpoint histogram counts the generations.
        // One genome per lease: left to the queue, a lease of these millisecond trainings may hold a whole generation,
        // and then one silo can evaluate every genome of the run.
        return new RunSpec("telemetry", BothSilosSparseMaskKind.KindName, 3, Generations, Population, ["main"], JsonSerializer.Serialize(settings, SparseMaskKind.Json), "test")
        {
            CheckpointEverySeconds = 0,
            LeaseBatch = 1,
        };
    }

    private static IEnumerable<MetricPoint> Points(List<Metric> metrics, string name)
    {
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                yield return point;
            }
        }
    }

    private static double LastGauge(List<Metric> metrics, string name)
    {
        var point = Points(metrics, name).Last();
        return metrics.First(m => m.Name == name).MetricType == MetricType.LongGauge ? point.GetGaugeLastValueLong() : point.GetGaugeLastValueDouble();
    }

    private static long Sum(List<Metric> metrics, string name) => Points(metrics, name).GroupBy(p => string.Join(",", TagsOf(p))).Sum(g => g.Last().GetSumLong());

    private static long HistogramCount(List<Metric> metrics, string name) => Points(metrics, name).GroupBy(p => string.Join(",", TagsOf(p))).Sum(g => g.Last().GetHistogramCount());

    private static IEnumerable<string> TagsOf(MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            yield return $"{tag.Key}={tag.Value}";
        }
    }

    /// <summary>Each test silo gets the engine and a file store shared by both silos.</summary>
    public sealed class EngineConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.AddEvoPruneFileStore(TestSilos.StoreOf(siloBuilder));
            siloBuilder.AddEvoPruneEngine(o => o.Device = "cpu");
            siloBuilder.AddGenomeKind<BothSilosSparseMaskKind>();
        }
    }

    /// <summary>
    /// The sparse-mask kind whose first evaluation on each silo waits (up to a minute) until the other silo has begun
    /// one too. The run trains real networks, but it is over in well under a second: left to the queue, a silo whose
    /// evaluator is still loading the data when the first silo has finished every genome never evaluates at all (CI,
    /// under the load of the other test assemblies, did this). The test is about one trace across silos, so it makes
    /// sure both take part instead of hoping they do.
    /// </summary>
    public sealed class BothSilosSparseMaskKind(IOptions<EngineOptions> engine) : IGenomeKind
    {
        public const string KindName = "test-both-silos-sparse-mask";

        private readonly SparseMaskKind _inner = new(engine);

        public string Name => KindName;

        public void Validate(RunSpec spec) => _inner.Validate(spec);

        public IPopulationStrategy CreateStrategy(RunSpec spec) => _inner.CreateStrategy(spec);

        public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => new Evaluator(_inner.CreateEvaluator(spec, host), host.Silo);

        public string Summarize(RunSpec spec, GenomeRecord genome) => _inner.Summarize(spec, genome);

        private sealed class Evaluator(IGenomeEvaluator inner, string silo) : IGenomeEvaluator
        {
            public FitnessReport Evaluate(WorkItem item, CancellationToken cancellationToken)
            {
                BothSilos.Arrive(silo, cancellationToken);
                return inner.Evaluate(item, cancellationToken);
            }

            public void Dispose() => inner.Dispose();
        }
    }

    // Where the silos' first evaluations meet; in-process silos share it.
    private static class BothSilos
    {
        private static readonly ConcurrentDictionary<string, bool> Arrived = new(StringComparer.Ordinal);
        private static ManualResetEventSlim _all = new();

        public static void Reset()
        {
            Arrived.Clear();
            _all = new ManualResetEventSlim();
        }

        // On a worker thread, outside any grain turn; a silo that never comes lets the run go on after a minute, and the
        // assertion on the silos fails.
        public static void Arrive(string silo, CancellationToken cancellationToken)
        {
            if (Arrived.TryAdd(silo, true) && Arrived.Count >= 2)
            {
                _all.Set();
            }

            _all.Wait(TimeSpan.FromMinutes(1), cancellationToken);
        }
    }
}
