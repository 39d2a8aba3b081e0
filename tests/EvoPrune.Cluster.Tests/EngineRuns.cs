namespace EvoPrune.Cluster.Tests;

/// <summary>
/// Tests that start whole runs: they emit process-wide OpenTelemetry spans and metrics, so they run one after another
/// (TelemetryTests counts exactly one run span).
/// </summary>
[CollectionDefinition(Name)]
public sealed class EngineRuns
{
    public const string Name = "engine runs";
}
