using System.Diagnostics;
using System.Diagnostics.Metrics;
using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Telemetry;

/// <summary>
/// The one <see cref="Meter"/> and <see cref="ActivitySource"/> named <c>EvoPrune</c>, and every instrument name.
/// Metric tags are bounded (population, outcome, device); run and genome ids go to traces and logs only.
/// </summary>
public static class EvoPruneTelemetry
{
    public const string Name = "EvoPrune";
    public const string GenerationInstrument = "evoprune.generation";
    public const string BestFitnessInstrument = "evoprune.fitness.best";
    public const string MeanFitnessInstrument = "evoprune.fitness.mean";
    public const string EvaluationsInstrument = "evoprune.evaluations";
    public const string EvaluationDurationInstrument = "evoprune.evaluation.duration";
    public const string QueuedInstrument = "evoprune.work.queued";

    public static readonly ActivitySource Source = new(Name);
    public static readonly Meter Meter = new(Name);

    private static readonly Gauge<int> Generation = Meter.CreateGauge<int>(GenerationInstrument, description: "Last completed generation");
    private static readonly Gauge<double> BestFitness = Meter.CreateGauge<double>(BestFitnessInstrument, description: "Best fitness in the population");
    private static readonly Gauge<double> MeanFitness = Meter.CreateGauge<double>(MeanFitnessInstrument, description: "Mean fitness in the population");
    private static readonly Counter<long> Evaluations = Meter.CreateCounter<long>(EvaluationsInstrument, description: "Genome evaluations by outcome");
    private static readonly Histogram<double> EvaluationDuration = Meter.CreateHistogram<double>(EvaluationDurationInstrument, "s", "Time to evaluate one genome");
    private static readonly Gauge<int> Queued = Meter.CreateGauge<int>(QueuedInstrument, description: "Work items of the current generation not yet done");

    public static void RecordGeneration(GenerationSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var tags = new KeyValuePair<string, object?>("population", summary.Population);
        Generation.Record(summary.Generation, tags);
        BestFitness.Record(summary.BestFitness, tags);
        MeanFitness.Record(summary.MeanFitness, tags);
    }

    public static void RecordEvaluation(FitnessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var device = new KeyValuePair<string, object?>("device", report.Device);
        Evaluations.Add(1, new KeyValuePair<string, object?>("outcome", report.Failed ? "failed" : "ok"), device);
        EvaluationDuration.Record(report.Seconds, device);
    }

    public static void SetQueued(int count) => Queued.Record(count);

    public static Activity? StartEvaluation(WorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var activity = Source.StartActivity("evaluate");
        activity?.SetTag("evoprune.run", item.RunId);
        activity?.SetTag("evoprune.generation", item.Generation);
        activity?.SetTag("evoprune.genome", item.Genome.Id);
        return activity;
    }

    public static Activity? StartCheckpoint(string runId, int generation)
    {
        var activity = Source.StartActivity("checkpoint");
        activity?.SetTag("evoprune.run", runId);
        activity?.SetTag("evoprune.generation", generation);
        return activity;
    }
}
