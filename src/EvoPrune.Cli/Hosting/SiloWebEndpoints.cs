using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Orleans.Dashboard;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// The HTTP side of a silo, present only when a port asks for it: Prometheus' <c>/metrics</c> on the silo's listen
/// address (all interfaces for 0.0.0.0) and the Orleans dashboard page on <c>127.0.0.1</c>. Kestrel serves both and
/// answers whatever Host header a scraper sends (a pod IP, 127.0.0.1, a service name); each port serves only its own
/// endpoints.
/// </summary>
public static class SiloWebEndpoints
{
    public const string MetricsPath = "/metrics";

    /// <summary>Binds Kestrel to the ports <paramref name="settings"/> asks for (and to no default URL).</summary>
    public static void Listen(WebApplicationBuilder web, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(web);
        ArgumentNullException.ThrowIfNull(settings);
        web.WebHost.ConfigureKestrel(kestrel =>
        {
            if (settings.Telemetry.PrometheusPort is { } metrics)
            {
                kestrel.Listen(settings.ListenAddress, metrics);
            }

            if (settings.DashboardPort is { } dashboard && dashboard != settings.Telemetry.PrometheusPort)
            {
                kestrel.Listen(IPAddress.Loopback, dashboard);
            }
        });
    }

    /// <summary>Maps <c>/metrics</c> on the metrics port and the dashboard on the dashboard port.</summary>
    public static void Map(WebApplication app, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Telemetry.PrometheusPort is { } metrics)
        {
            app.UseOpenTelemetryPrometheusScrapingEndpoint(
                meterProvider: null,
                predicate: context => context.Connection.LocalPort == metrics && context.Request.Path == MetricsPath,
                path: null,
                configureBranchedPipeline: null,
                optionsName: null);
        }

        if (settings.DashboardPort is { } dashboard)
        {
            app.Use((context, next) =>
            {
                if (context.Connection.LocalPort == dashboard)
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
            app.MapOrleansDashboard();
        }
    }
}
