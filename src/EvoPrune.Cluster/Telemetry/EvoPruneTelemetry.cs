using System.Diagnostics;
using System.Diagnostics.Metrics;
using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Telemetry;

/// <summary>
/// The one <see cref="Meter"/> and <see cref="ActivitySource"/> named <c>EvoPrune</c>, and every instrument name.
/// Metric tags are bounded (population, outcome, device); run and genome ids go to traces and logs only.
/// Traces: a <c>run</c> span when a run starts, a <c>generation</c> span per generation under it, and an
/// <c>evaluate</c> span per genome under its generation, on whichever silo evaluates it (the work item carries the
/// generation's trace context).
/// </summary>
public static class EvoPruneTelemetry
{
    public const string Name = "EvoPrune";
    public const string GenerationInstrument = "evoprune.generation";
    public const string BestFitnessInstrument = "evoprune.fitness.best";
    public const string MeanFitnessInstrument = "evoprune.fitness.mean";
    public const string WorstFitnessInstrument = "evoprune.fitness.worst";
    public const string BestSparsityInstrument = "evoprune.sparsity.best";
    public const string EvaluationsInstrument = "evoprune.evaluations";
    public const string EvaluationDurationInstrument = "evoprune.evaluation.duration";
    public const string QueuedInstrument = "evoprune.work.queued";
    public const string LeasedInstrument = "evoprune.work.leased";
    public const string CheckpointDurationInstrument = "evoprune.checkpoint.duration";
    public const string GenerationDurationInstrument = "evoprune.generation.duration";
    public const string EngineDurationInstrument = "evoprune.generation.engine_duration";
    public const string BestGenomeEvent = "best-genome";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    private static readonly Gauge<int> Generation = Meter.CreateGauge<int>(GenerationInstrument, description: "Last completed generation");
    private static readonly Gauge<double> BestFitness = Meter.CreateGauge<double>(BestFitnessInstrument, description: "Best fitness in the population");
    private static readonly Gauge<double> MeanFitness = Meter.CreateGauge<double>(MeanFitnessInstrument, description: "Mean fitness in the population");
    private static readonly Gauge<double> WorstFitness = Meter.CreateGauge<double>(WorstFitnessInstrument, description: "Worst fitness in the population (failed genomes excluded)");
    private static readonly Gauge<double> BestSparsity = Meter.CreateGauge<double>(BestSparsityInstrument, description: "Sparsity of the best genome, where the kind reports one");
    private static readonly Counter<long> Evaluations = Meter.CreateCounter<long>(EvaluationsInstrument, description: "Genome evaluations by outcome");
    private static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800];
    private static readonly Histogram<double> EvaluationDuration = Meter.CreateHistogram(
        EvaluationDurationInstrument, "s", "Time to evaluate one genome", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    private static readonly Gauge<int> Queued = Meter.CreateGauge<int>(QueuedInstrument, description: "Work items of the current generation not yet done");
    private static readonly Gauge<int> Leased = Meter.CreateGauge<int>(LeasedInstrument, description: "Work items leased to workers right now");
    private static readonly Histogram<double> GenerationDuration = Meter.CreateHistogram(
        GenerationDurationInstrument, "s", "Wall time of one generation, breeding to the last report accepted", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    private static readonly Histogram<double> EngineDuration = Meter.CreateHistogram(
        EngineDurationInstrument, "s", "The engine's own time in one generation: its wall time less the time workers spent evaluating", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    private static readonly Histogram<double> CheckpointDuration = Meter.CreateHistogram(
        CheckpointDurationInstrument, "s", "Time to write one checkpoint", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    public static void RecordGeneration(GenerationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var tags = new KeyValuePair<string, object?>("population", summary.Population);
        Generation.Record(summary.Generation, tags);
        BestFitness.Record(summary.BestFitness, tags);
        MeanFitness.Record(summary.MeanFitness, tags);
        WorstFitness.Record(summary.WorstFitness, tags);
        if (summary.BestScores.TryGetValue("sparsity", out var sparsity))
        {
            BestSparsity.Record(sparsity, tags);
        }
    }

    public static void RecordEvaluation(FitnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var device = new KeyValuePair<string, object?>("device", report.Device);
        Evaluations.Add(1, new KeyValuePair<string, object?>("outcome", report.Failed ? "failed" : "ok"), device);
        EvaluationDuration.Record(report.Seconds, device);
    }

    public static void SetQueue(int queued, int leased)
    {
        Queued.Record(queued);
        Leased.Record(leased);
    }

    public static void RecordCheckpoint(TimeSpan duration) => CheckpointDuration.Record(duration.TotalSeconds);

    /// <summary>
    /// A generation's wall time (breeding to the last report accepted) and the engine's share of it: that time less
    /// the span in which workers evaluated its genomes (first lease to last report).
    /// </summary>
    public static void RecordGenerationTime(double seconds, double engineSeconds)
    {
        GenerationDuration.Record(seconds);
        EngineDuration.Record(engineSeconds);
    }

    /// <summary>Starts and ends the run's root span; its context is kept in the run record so later spans join it.</summary>
    public static string? MarkRunStarted(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var activity = StartDetached("run", default, ActivityKind.Internal);
        activity?.SetTag("evoprune.run", spec.RunId);
        activity?.SetTag("evoprune.kind", spec.Kind);
        activity?.SetTag("evoprune.seed", spec.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return activity?.Id;
    }

    /// <summary>A generation span under the run span; the caller ends it when the generation is checkpointed.</summary>
    public static Activity? StartGeneration(string runId, int generation, string? runTraceParent)
    {
        var activity = StartDetached("generation", Parse(runTraceParent), ActivityKind.Internal);
        activity?.SetTag("evoprune.run", runId);
        activity?.SetTag("evoprune.generation", generation);
        return activity;
    }

    /// <summary>Adds the best genome of a generation to its span, as an event a trace viewer shows.</summary>
    public static void AddBestGenome(Activity? generation, GenerationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        generation?.AddEvent(new ActivityEvent(BestGenomeEvent, tags: new ActivityTagsCollection
        {
            ["evoprune.population"] = summary.Population,
            ["evoprune.genome"] = summary.BestGenomeId,
            ["evoprune.fitness"] = summary.BestFitness,
            ["evoprune.summary"] = summary.BestSummary,
        }));
    }

    /// <summary>An evaluation span under the generation span named by the work item, on the evaluating silo.</summary>
    public static Activity? StartEvaluation(WorkItem item, string silo)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Source.HasListeners())
        {
            return null; // Nothing records spans: skip parsing the parent per evaluation.
        }

        var activity = Source.StartActivity("evaluate", ActivityKind.Consumer, Parse(item.TraceParent));
        activity?.SetTag("evoprune.run", item.RunId);
        activity?.SetTag("evoprune.generation", item.Generation);
        activity?.SetTag("evoprune.genome", item.Genome.Id);
        activity?.SetTag("evoprune.silo", silo);
        return activity;
    }

    // Starts a span with an explicit parent without leaving it as Activity.Current, so the grain's later calls
    // (which Orleans would otherwise parent to it) keep their own context.
    private static Activity? StartDetached(string name, ActivityContext parent, ActivityKind kind)
    {
        var previous = Activity.Current;
        var activity = Source.StartActivity(name, kind, parent);
        Activity.Current = previous;
        return activity;
    }

    private static ActivityContext Parse(string? traceParent) =>
        traceParent != null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;
}
