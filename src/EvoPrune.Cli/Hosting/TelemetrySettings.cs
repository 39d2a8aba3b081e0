namespace EvoPrune.Cli.Hosting;

/// <summary>Where a process sends its metrics and traces (EvoPrune's and Orleans' own). All off by default.</summary>
public sealed record TelemetrySettings
{
    /// <summary>OTLP endpoint of a collector, e.g. http://localhost:4317 (gRPC) or http://localhost:4318 (HTTP/protobuf).</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>Serve a Prometheus scrape endpoint at http://LISTEN:PORT/metrics (the silo's listen address; all interfaces for 0.0.0.0).</summary>
    public int? PrometheusPort { get; init; }

    /// <summary>Print metrics and spans to the console (for a quick look; noisy).</summary>
    public bool Console { get; init; }

    public bool Enabled => OtlpEndpoint != null || PrometheusPort != null || Console;
}
