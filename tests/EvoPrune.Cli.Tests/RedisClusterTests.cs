using System.Net;
using System.Net.Sockets;
using EvoPrune.Cli.Hosting;
using StackExchange.Redis;

namespace EvoPrune.Cli.Tests;

public class RedisClusterTests
{
    [Fact]
    public void ProbeOptions_AnyCluster_OneAttemptOfThreeSecondsWithoutTouchingOrleansOptions()
    {
        var options = RedisCluster.Parse("redis://127.0.0.1:6390", _ => null);
        var probe = RedisCluster.ProbeOptions(options);

        Assert.Equal(1, probe.ConnectRetry);
        Assert.Equal(RedisCluster.ProbeTimeoutMilliseconds, probe.ConnectTimeout);
        Assert.True(RedisCluster.ProbeTimeoutMilliseconds <= 3000);
        Assert.Equal(5000, options.ConnectTimeout); // Orleans' own connections keep theirs
    }

    [Fact]
    public void Probe_NothingListening_FailsAfterOneAttemptWithAdviceInEvoPruneTerms()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var options = RedisCluster.Parse($"redis://127.0.0.1:{port}", _ => null);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = Assert.Throws<IOException>(() => RedisCluster.Probe(options, RedisCluster.Display(options)));

        // Issue 19 item 9: 15.6 s before (three attempts of 5 s).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"{clock.Elapsed}");
        Assert.Contains($"The cluster's Redis redis://127.0.0.1:{port}/0 cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains("--cluster", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abortConnect", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Probe_ListenerThatNeverAnswers_FailsWithinOneAttemptsTimeout()
    {
        // A port that accepts connections and says nothing (a hung server, a firewall that accepts): one 3 s attempt.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var options = RedisCluster.Parse($"redis://127.0.0.1:{port}", _ => null);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<IOException>(() => RedisCluster.Probe(options, RedisCluster.Display(options)));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"{clock.Elapsed}");
        Assert.Contains("no answer within 3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("--cluster / $EVOPRUNE_CLUSTER", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abortConnect", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Advice_AuthenticationFailure_NamesThePasswordVariables()
    {
        var failure = new RedisConnectionException(ConnectionFailureType.AuthenticationFailure, "WRONGPASS invalid username-password pair");

        var advice = RedisCluster.Advice(failure, "redis://evo@10.0.0.5:6379/0");

        Assert.Contains("refused the credentials", advice, StringComparison.Ordinal);
        Assert.Contains(RedisCluster.PasswordVariable, advice, StringComparison.Ordinal);
    }
}
