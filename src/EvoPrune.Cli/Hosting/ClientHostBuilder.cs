using EvoPrune.Cli.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EvoPrune.Cli.Hosting;

/// <summary>Builds a cluster client that talks to the gateways of a localhost cluster, or finds them in Redis membership.</summary>
public static class ClientHostBuilder
{
    /// <summary>
    /// How long <see cref="ConnectAsync"/> waits for the client to start once something listens (closed ports and an
    /// unreachable Redis fail at once): a client that finds its gateways in Redis takes several seconds on a busy machine.
    /// </summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(30);

    public static IHost Build(IReadOnlyList<int> gatewayPorts, string? cluster = null, bool verbose = false)
    {
        ArgumentNullException.ThrowIfNull(gatewayPorts);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        CommandLogging.Configure(builder.Logging, LogLevel.Error);
        if (!verbose)
        {
            // "Hosting failed to start" with a stack trace: ConnectAsync says the same in one line.
            builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
            builder.Logging.AddFilter("Orleans", LogLevel.Critical);
        }

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

    /// <summary>
    /// Starts the client within <paramref name="timeout"/>; when no gateway answers (closed ports, Redis unreachable or
    /// empty) throws <see cref="BadInputException"/> "No cluster answered ..." naming where it looked, instead of
    /// waiting for ever. Cancelling <paramref name="cancellationToken"/> (a signal) ends the wait at once.
    /// </summary>
    public static async Task ConnectAsync(IHost host, string where, TimeSpan timeout, CancellationToken cancellationToken, IReadOnlyList<int>? localGateways = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (localGateways != null && !await AnyListensAsync(localGateways, cancellationToken))
        {
            // Closed ports are known at once; the Orleans client would keep retrying them until the timeout.
            throw new BadInputException($"No cluster answered {where}: nothing listens there; start one with 'evoprune silo', or check --gateway/--cluster.");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await host.StartAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BadInputException($"No cluster answered {where} within {timeout.TotalSeconds:0} s: start one with 'evoprune silo', or check --gateway/--cluster.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever stops the client from starting (gateways closed, Redis unreachable: StackExchange.Redis throws
            // its own exception type) is the same answer for the user: no cluster there.
            throw new BadInputException($"No cluster answered {where}: start one with 'evoprune silo', or check --gateway/--cluster ({Cluster.Storage.PostgresConnection.Mask(ex.Message.ReplaceLineEndings(" "))}).", ex);
        }
    }

    private static async Task<bool> AnyListensAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        foreach (var port in ports)
        {
            using var client = new System.Net.Sockets.TcpClient();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await client.ConnectAsync(System.Net.IPAddress.Loopback, port, limit.Token);
                return true;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Refused or silent: try the next gateway.
            }
        }

        return false;
    }
}
