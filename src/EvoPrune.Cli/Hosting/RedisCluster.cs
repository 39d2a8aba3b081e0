using System.Globalization;
using StackExchange.Redis;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// Reads <c>redis://[user@]host[:port][/database]</c> into StackExchange.Redis options for Orleans' Redis membership and
/// reminders. The password never comes from the URI: it is read from <c>EVOPRUNE_CLUSTER_PASSWORD</c> or from the file
/// named by <c>EVOPRUNE_CLUSTER_PASSWORD_FILE</c>.
/// </summary>
public static class RedisCluster
{
    public const string PasswordVariable = "EVOPRUNE_CLUSTER_PASSWORD";
    public const string PasswordFileVariable = "EVOPRUNE_CLUSTER_PASSWORD_FILE";

    public static ConfigurationOptions Parse(string cluster, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(environment);
        if (!cluster.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || !Uri.TryCreate(cluster, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"Cluster '{Cluster.Storage.PostgresConnection.Mask(cluster)}' is not a Redis URI; expected redis://[user@]host[:port][/database].");
        }

        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        if (userInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"Cluster '{Cluster.Storage.PostgresConnection.Mask(cluster)}' carries a password; give it through {PasswordVariable} or {PasswordFileVariable} instead.");
        }

        if (uri.Query.Length > 1)
        {
            // redis://host?password=... would otherwise be dropped without a word (PostgreSQL stores refuse it too).
            var keys = string.Join(", ", uri.Query.TrimStart('?').Split('&').Select(p => Uri.UnescapeDataString(p.Split('=', 2)[0])));
            throw new FormatException(keys.Contains("password", StringComparison.OrdinalIgnoreCase)
                ? $"Cluster '{Cluster.Storage.PostgresConnection.Mask(cluster)}' carries a password; give it through {PasswordVariable} or {PasswordFileVariable} instead."
                : $"Cluster '{Cluster.Storage.PostgresConnection.Mask(cluster)}': query settings ({keys}) are not supported; expected redis://[user@]host[:port][/database].");
        }

        var options = new ConfigurationOptions { AbortOnConnectFail = true, ConnectTimeout = 5000 };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
        if (userInfo.Length > 0)
        {
            options.User = userInfo;
        }

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            options.DefaultDatabase = int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out var db)
                ? db
                : throw new FormatException($"Cluster '{Cluster.Storage.PostgresConnection.Mask(cluster)}': '/{path}' is not a Redis database number.");
        }

        var password = environment(PasswordVariable);
        var file = environment(PasswordFileVariable);
        if (string.IsNullOrEmpty(password) && !string.IsNullOrEmpty(file))
        {
            password = File.Exists(file)
                ? File.ReadAllText(file).TrimEnd('\r', '\n')
                : throw new FileNotFoundException($"{PasswordFileVariable} names '{file}', which does not exist.", file);
        }

        if (!string.IsNullOrEmpty(password))
        {
            options.Password = password;
        }

        return options;
    }

    /// <summary>How long <see cref="Probe"/> waits for Redis, in one attempt (Orleans' own connections keep the defaults).</summary>
    public const int ProbeTimeoutMilliseconds = 3000;

    /// <summary>
    /// The options <see cref="Probe"/> connects with: one attempt of <see cref="ProbeTimeoutMilliseconds"/> instead of
    /// StackExchange.Redis' three, so an unreachable Redis is reported within seconds.
    /// </summary>
    public static ConfigurationOptions ProbeOptions(ConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var probe = options.Clone();
        probe.AbortOnConnectFail = true;
        probe.ConnectRetry = 1;
        probe.ConnectTimeout = ProbeTimeoutMilliseconds;
        probe.SyncTimeout = ProbeTimeoutMilliseconds;
        return probe;
    }

    /// <summary>Connects once to fail early with one clear message when Redis is unreachable or refuses the credentials.</summary>
    public static void Probe(ConfigurationOptions options, string display)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            using var connection = ConnectionMultiplexer.Connect(ProbeOptions(options));
            connection.GetDatabase().Ping();
        }
        catch (Exception ex) when (ex is RedisException or RedisConnectionException or RedisTimeoutException)
        {
            throw new IOException(Advice(ex, display), ex);
        }
    }

    /// <summary>One line for a failed probe, with advice in EvoPrune's terms (StackExchange.Redis' own advice names options a redis:// URI cannot carry).</summary>
    public static string Advice(Exception failure, string display)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var text = failure.ToString();
        if (text.Contains("WRONGPASS", StringComparison.Ordinal) || text.Contains("NOAUTH", StringComparison.Ordinal)
            || text.Contains("authentication", StringComparison.OrdinalIgnoreCase))
        {
            return $"The cluster's Redis {display} refused the credentials: check the user in --cluster and the password in {PasswordVariable} or {PasswordFileVariable}.";
        }

        return $"The cluster's Redis {display} cannot be reached (no answer within {ProbeTimeoutMilliseconds / 1000} s): start redis-server there, or correct --cluster / $EVOPRUNE_CLUSTER.";
    }

    public static string Display(ConfigurationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var user = string.IsNullOrEmpty(options.User) ? "" : options.User + "@";
        return $"redis://{user}{string.Join(",", options.EndPoints.Select(e => e.ToString()))}/{options.DefaultDatabase ?? 0}";
    }
}
