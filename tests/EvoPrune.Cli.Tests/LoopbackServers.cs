using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EvoPrune.Cli.Tests;

/// <summary>
/// A throw-away PostgreSQL (initdb in a temp folder, run as the unprivileged <c>postgres</c> user when the tests run as
/// root) and redis-server on free loopback ports. When a server's binaries are missing the tests skip with the reason,
/// unless EVOPRUNE_REQUIRE_SERVERS=1 (set by .ci/run), where they fail.
/// </summary>
internal sealed class LoopbackServers : IDisposable
{
    private static readonly string[] PgBinDirs = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin"];
    private readonly string _folder;
    private readonly string? _pgBin;
    private readonly Process? _redis;

    private LoopbackServers(string folder, string? pgBin, int pgPort, Process? redis, int redisPort)
    {
        _folder = folder;
        _pgBin = pgBin;
        PgPort = pgPort;
        _redis = redis;
        RedisPort = redisPort;
    }

    public int PgPort { get; }

    public int RedisPort { get; }

    public string StoreUri(string database = "evo") => $"postgres://evoprune@127.0.0.1:{PgPort}/{database}";

    public string RedisUri => $"redis://127.0.0.1:{RedisPort}";

    public static bool Required => Environment.GetEnvironmentVariable("EVOPRUNE_REQUIRE_SERVERS") == "1";

    /// <summary>Starts PostgreSQL (and Redis when <paramref name="redis"/>), or skips the test saying what is missing.</summary>
    public static LoopbackServers Start(bool redis)
    {
        var initdb = PgBinDirs.Select(d => Path.Combine(d, "initdb")).FirstOrDefault(File.Exists);
        var redisServer = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        var missing = new List<string>();
        if (initdb == null)
        {
            missing.Add("PostgreSQL server (initdb/pg_ctl; Debian package postgresql)");
        }

        if (redis && redisServer == null)
        {
            missing.Add("redis-server (Debian package redis-server)");
        }

        if (missing.Count > 0)
        {
            var reason = $"not installed: {string.Join(", ", missing)}";
            Assert.False(Required, $"EVOPRUNE_REQUIRE_SERVERS=1 but {reason}");
            Skip.If(true, reason);
        }

        var folder = Directory.CreateTempSubdirectory("evoprune-servers-").FullName;
        var pgBin = Path.GetDirectoryName(initdb)!;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", "postgres", folder);
        }

        var pgPort = FreePort();
        RunPg(pgBin, asRoot, "initdb", "-D", Path.Combine(folder, "data"), "-U", "evoprune", "--auth=trust", "-E", "UTF8");
        RunPg(pgBin, asRoot, "pg_ctl", "-D", Path.Combine(folder, "data"), "-o", $"-p {pgPort} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off", "-l", Path.Combine(folder, "pg.log"), "-w", "start");
        Process? redisProcess = null;
        var redisPort = 0;
        if (redis)
        {
            redisPort = FreePort();
            redisProcess = Process.Start(new ProcessStartInfo(redisServer!, ["--port", $"{redisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            redisProcess.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            WaitForPort(redisPort);
        }

        var servers = new LoopbackServers(folder, pgBin, pgPort, redisProcess, redisPort);
        servers.Sql("postgres", "CREATE DATABASE evo");
        return servers;
    }

    public void Sql(string database, string sql)
    {
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={PgPort};Username=evoprune;Database={database}");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public T Scalar<T>(string sql, string database = "evo")
    {
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={PgPort};Username=evoprune;Database={database};Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    /// <summary>Stops PostgreSQL (fast shutdown: connections are cut) and starts it again on the same port.</summary>
    public void RestartPostgres()
    {
        var asRoot = Environment.UserName == "root";
        RunPg(_pgBin!, asRoot, "pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "restart");
    }

    public void Dispose()
    {
        try
        {
            RunPg(_pgBin!, Environment.UserName == "root", "pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already down.
        }

        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            _redis.WaitForExit();
        }

        _redis?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static void RunPg(string bin, bool asRoot, string tool, params string[] args)
    {
        var exe = Path.Combine(bin, tool);
        if (asRoot)
        {
            Run("runuser", ["-u", "postgres", "--", exe, .. args]);
        }
        else
        {
            Run(exe, args);
        }
    }

    private static void Run(string exe, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(exe, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{exe} {string.Join(' ', args)} failed ({process.ExitCode}): {stdout.Result}{stderr}");
        }
    }

    private static void WaitForPort(int port)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until)
            {
                Thread.Sleep(100);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
