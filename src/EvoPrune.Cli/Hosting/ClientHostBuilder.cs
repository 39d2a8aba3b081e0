using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvoPrune.Cli.Hosting;

/// <summary>Builds a cluster client that talks to the gateways of a localhost cluster.</summary>
public static class ClientHostBuilder
{
    public static IHost Build(IReadOnlyList<int> gatewayPorts)
    {
        ArgumentNullException.ThrowIfNull(gatewayPorts);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(gatewayPorts.ToArray(), SiloHostBuilder.ServiceId, SiloHostBuilder.ClusterId)
            .AddActivityPropagation());
        return builder.Build();
    }
}
