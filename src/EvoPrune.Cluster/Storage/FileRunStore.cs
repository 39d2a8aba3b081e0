using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// The embedded default store: <c>&lt;root&gt;/&lt;runId&gt;/</c> with <c>run.json</c>, <c>checkpoints/gen-NNNNNN.ckpt</c>,
/// <c>reports/gen-NNNNNN.jsonl</c> (completed evaluations, one per line) and result files. Shared by every silo on
/// one machine (or on a shared file system).
/// </summary>
public sealed class FileRunStore : IRunStore
{
    private static readonly Lock AppendGate = new();
    private readonly string _root;

    public FileRunStore(IOptions<FileRunStoreOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.GetFullPath(options.Value.Root);
    }

    public FileRunStore(string root)
    {
        _root = Path.GetFullPath(root);
    }

    /// <summary>Checks that the root can be created and written; throws <see cref="IOException"/> naming it if not.</summary>
    public void EnsureWritable()
    {
        try
        {
            Directory.CreateDirectory(_root);
            var probe = Path.Combine(_root, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new IOException($"The run store '{_root}' is not writable: {ex.Message}", ex);
        }
    }

    public string Describe(string runId) => RunFolder(runId);

    public bool Exists(string runId) => File.Exists(RecordPath(runId));

    public IReadOnlyList<string> ListRuns() =>
        Directory.Exists(_root)
            ? Directory.GetDirectories(_root).Where(d => File.Exists(Path.Combine(d, "run.json"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : [];

    public RunRecord? LoadRecord(string runId)
    {
        var path = RecordPath(runId);
        return File.Exists(path) ? JsonSerializer.Deserialize<RunRecord>(ChecksummedFile.Read(path), StoreJson.Options) : null;
    }

    public void SaveRecord(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(RunFolder(record.Spec.RunId));
        ChecksummedFile.Write(RecordPath(record.Spec.RunId), JsonSerializer.Serialize(record, StoreJson.Options));
    }

    public void SaveCheckpoint(Checkpoint checkpoint, int keep)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var folder = Path.Combine(RunFolder(checkpoint.RunId), "checkpoints");
        Directory.CreateDirectory(folder);
        ChecksummedFile.Write(Path.Combine(folder, CheckpointName(checkpoint.Generation)), JsonSerializer.Serialize(checkpoint, StoreJson.Options));
        foreach (var old in CheckpointFiles(checkpoint.RunId).Skip(Math.Max(1, keep)))
        {
            File.Delete(old);
        }
    }

    public Checkpoint? LoadLatestCheckpoint(string runId, Action<string> warn)
    {
        ArgumentNullException.ThrowIfNull(warn);
        foreach (var file in CheckpointFiles(runId))
        {
            try
            {
                return JsonSerializer.Deserialize<Checkpoint>(ChecksummedFile.Read(file), StoreJson.Options)
                    ?? throw new InvalidDataException($"{file}: empty checkpoint.");
            }
            catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException)
            {
                warn($"Checkpoint {file} is damaged and was skipped ({ex.Message}); using the one before it.");
            }
        }

        return null;
    }

    public void AppendReport(string runId, int generation, FitnessReport report)
    {
        var folder = Path.Combine(RunFolder(runId), "reports");
        Directory.CreateDirectory(folder);
        var line = JsonSerializer.Serialize(report, StoreJson.Compact) + "\n";
        lock (AppendGate)
        {
            File.AppendAllText(Path.Combine(folder, $"gen-{generation:D6}.jsonl"), line);
        }
    }

    public IReadOnlyList<FitnessReport> LoadReports(string runId, int generation)
    {
        var path = Path.Combine(RunFolder(runId), "reports", $"gen-{generation:D6}.jsonl");
        if (!File.Exists(path))
        {
            return [];
        }

        var reports = new List<FitnessReport>();
        foreach (var line in File.ReadLines(path))
        {
            try
            {
                if (line.Length > 0 && JsonSerializer.Deserialize<FitnessReport>(line, StoreJson.Compact) is { } report)
                {
                    reports.Add(report);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a crash: that evaluation is simply redone.
            }
        }

        return reports;
    }

    public string SaveResult(string runId, string name, string content)
    {
        var path = Path.Combine(RunFolder(runId), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private string RunFolder(string runId) => Path.Combine(_root, runId);

    private string RecordPath(string runId) => Path.Combine(RunFolder(runId), "run.json");

    private static string CheckpointName(int generation) => string.Create(CultureInfo.InvariantCulture, $"gen-{generation:D6}.ckpt");

    // Newest first.
    private IEnumerable<string> CheckpointFiles(string runId)
    {
        var folder = Path.Combine(RunFolder(runId), "checkpoints");
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "gen-*.ckpt").OrderDescending(StringComparer.Ordinal)
            : [];
    }
}
