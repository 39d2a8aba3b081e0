using System.Diagnostics;
using System.Text;

namespace EvoPrune.Cli.Tests;

/// <summary>Runs the real <c>evoprune</c> executable (built next to the tests) as a separate process.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "evoprune.dll");

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static CliProcess Start(string workingDirectory, params string[] args) => Start(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Starts evoprune with <paramref name="environment"/> added to this process' environment.</summary>
    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        psi.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        return new CliProcess(Process.Start(psi)!);
    }

    /// <summary>Runs to the end (or kills it after <paramref name="timeout"/> and fails).</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, TimeSpan timeout, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        var exit = await process.WaitAsync(timeout);
        return (exit, process.Output);
    }

    /// <summary>Starts evoprune and SIGKILLs it as soon as <paramref name="file"/> exists (a crash at a chosen moment).</summary>
    public static async Task KillWhenFileAppearsAsync(string workingDirectory, string file, TimeSpan timeout, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        await RunResultsFile.WaitForFileAsync(file, timeout, process);
        process.Kill();
    }

    /// <summary>Runs evoprune with <paramref name="args"/> and kills it (SIGKILL) once its run has stored a report of <paramref name="generation"/>.</summary>
    public static async Task KillWhenReportsAppearAsync(string workingDirectory, string store, string runId, int generation, TimeSpan timeout, params string[] args)
    {
        using var process = Start(workingDirectory, args);
        await RunResultsFile.WaitForReportsAsync(store, runId, generation, timeout, process);
        process.Kill();
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"evoprune did not finish within {timeout}. Output so far:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line != null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
