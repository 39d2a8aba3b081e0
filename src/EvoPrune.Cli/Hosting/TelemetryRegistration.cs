using EvoPrune.Cluster.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EvoPrune.Cli.Hosting;

/// <summary>Wires the <c>EvoPrune</c> and Orleans meters and sources to the exporters a <see cref="TelemetrySettings"/> names.</summary>
public static class TelemetryRegistration
{
    /// <summary>Orleans' own instruments and spans, exported next to EvoPrune's.</summary>
    public static readonly string[] OrleansMeters = ["Microsoft.Orleans"];

    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static IServiceCollection AddEvoPruneTelemetry(this IServiceCollection services, TelemetrySettings settings, string serviceInstance)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("evoprune", serviceInstanceId: serviceInstance))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(EvoPruneTelemetry.Name).AddMeter(OrleansMeters);
                if (settings.OtlpEndpoint != null)
                {
                    metrics.AddOtlpExporter(o => Configure(o, settings.OtlpEndpoint));
                }

                if (settings.PrometheusPort is not null)
                {
                    // Served by the silo's web host on its listen address (SiloWebEndpoints), whatever the Host header.
                    metrics.AddPrometheusExporter();
                }

                if (settings.Console)
                {
                    metrics.AddConsoleExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(EvoPruneTelemetry.Name).AddSource(OrleansSources);
                if (settings.OtlpEndpoint != null)
                {
                    tracing.AddOtlpExporter(o => Configure(o, settings.OtlpEndpoint));
                }

                if (settings.Console)
                {
                    tracing.AddConsoleExporter();
                }
            });
        return services;
    }

    private static void Configure(OtlpExporterOptions options, Uri endpoint)
    {
        options.Endpoint = endpoint;
        // 4318 is the collector's HTTP/protobuf port by convention; anything else is taken as gRPC.
        options.Protocol = endpoint.Port == 4318 ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
    }
}
