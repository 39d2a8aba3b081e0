using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvoPrune.Cli.Hosting;

/// <summary>Builds a cluster client that talks to the gateways of a localhost cluster, or finds them in Redis membership.</summary>
public static class ClientHostBuilder
{
    public static IHost Build(IReadOnlyList<int> gatewayPorts, string? cluster = null)
    {
        ArgumentNullException.ThrowIfNull(gatewayPorts);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.UseOrleansClient(client =>
        {
            if (cluster != null)
            {
                var redis = RedisCluster.Parse(cluster, Environment.GetEnvironmentVariable);
                client.Configure<Orleans.Configuration.ClusterOptions>(o =>
                {
                    o.ServiceId = SiloHostBuilder.ServiceId;
                    o.ClusterId = SiloHostBuilder.ClusterId;
                });
                client.UseRedisClustering(o => o.ConfigurationOptions = redis.Clone());
            }
            else
            {
                client.UseLocalhostClustering(gatewayPorts.ToArray(), SiloHostBuilder.ServiceId, SiloHostBuilder.ClusterId);
            }

            client.AddActivityPropagation();
        });
        return builder.Build();
    }
}
