using System.Diagnostics;
using System.Text;
using EvoPrune.Cli.Hosting;
using EvoPrune.Cluster.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EvoPrune.Bench;

/// <summary>
/// A localhost cluster of separate <c>evoprune silo</c> processes (the CLI built beside the suite; the first is the
/// primary), each with one evaluation worker, driven by an Orleans client in this process through every gateway.
/// </summary>
internal sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly List<(Process Process, StringBuilder Output)> _silos = [];
    private readonly string _store = Path.Combine(Path.GetTempPath(), "evoprune-bench", Guid.NewGuid().ToString("N"));
    private IHost? _client;

    private ProcessCluster()
    {
    }

    /// <summary>Starts <paramref name="silos"/> silo processes with <paramref name="torchThreads"/> Torch threads each, waits until each says it is ready, then connects.</summary>
    public static async Task<ProcessCluster> StartAsync(int silos, int torchThreads)
    {
        var cluster = new ProcessCluster();
        try
        {
            var primary = BenchCluster.FreePort();
            var gateways = new List<int>();
            for (var i = 0; i < silos; i++)
            {
                var gateway = BenchCluster.FreePort();
                gateways.Add(gateway);
                await cluster.StartSiloAsync(i == 0 ? primary : BenchCluster.FreePort(), gateway, primary, torchThreads);
            }

            cluster._client = ClientHostBuilder.Build(gateways);
            await cluster._client.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <paramref name="spec"/> on the cluster to the end and times it.</summary>
    public Task<(RunStatus Status, double Seconds)> RunAsync(RunSpec spec) =>
        BenchCluster.RunToEndAsync(_client!.Services.GetRequiredService<IClusterClient>(), spec);

    /// <summary>The evaluation times (seconds, as the workers measured them) of every report of run <paramref name="runId"/>.</summary>
    public IReadOnlyList<double> EvaluationSeconds(string runId)
    {
        var seconds = new List<double>();
        foreach (var line in Directory.GetFiles(Path.Combine(_store, runId, "reports"), "*.jsonl").SelectMany(File.ReadLines))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                using var report = System.Text.Json.JsonDocument.Parse(line);
                seconds.Add(report.RootElement.GetProperty("seconds").GetDouble());
            }
        }

        return seconds;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client != null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var (process, _) in _silos)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }

        if (Directory.Exists(_store))
        {
            Directory.Delete(_store, recursive: true);
        }
    }

    private async Task StartSiloAsync(int port, int gateway, int primary, int torchThreads)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "evoprune.dll"), "silo", "--port", $"{port}", "--gateway", $"{gateway}", "--primary-port", $"{primary}",
            "--store", _store, "--device", "cpu", "--workers", "1", "--threads", $"{torchThreads}",
        ];
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start an evoprune silo process");
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Append(string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.StartsWith("silo ready", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _silos.Add((process, output));

        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(StartLimit));
        if (first != ready.Task)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            throw new InvalidOperationException(
                $"the evoprune silo on port {port} {(first == exited ? $"exited with {process.ExitCode}" : $"was not ready within {StartLimit.TotalSeconds:F0} s")}:\n{text}");
        }
    }
}
