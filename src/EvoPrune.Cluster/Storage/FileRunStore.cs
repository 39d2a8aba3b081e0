using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// The embedded default store: <c>&lt;root&gt;/&lt;runId&gt;/</c> with <c>run.json</c>, <c>checkpoints/gen-NNNNNN.ckpt</c>,
/// <c>reports/gen-NNNNNN.jsonl</c> (completed evaluations, one per line) and result files. Shared by every silo on
/// one machine (or on a shared file system).
/// </summary>
public sealed class FileRunStore : IRunStore
{
    // Appends from the silos of one process go one at a time, so two writes to one generation's file never interleave.
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

    public Task<bool> ExistsAsync(string runId, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(RecordPath(runId)));

    public Task<IReadOnlyList<string>> ListRunsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>(Directory.Exists(_root)
            ? Directory.GetDirectories(_root).Where(d => File.Exists(Path.Combine(d, "run.json"))).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray()
            : []);

    public async Task<RunRecord?> LoadRecordAsync(string runId, CancellationToken cancellationToken = default)
    {
        var path = RecordPath(runId);
        if (!File.Exists(path))
        {
            return null;
        }

        var body = await ChecksummedFile.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(body.Span, StoreJson.Options) ?? throw new InvalidDataException($"{path}: empty run record.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a run record ({ex.Message}).", ex);
        }
    }

    public async Task SaveRecordAsync(RunRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        Directory.CreateDirectory(RunFolder(record.Spec.RunId));
        await ChecksummedFile.WriteAsync(RecordPath(record.Spec.RunId), JsonSerializer.SerializeToUtf8Bytes(record, StoreJson.Options), cancellationToken).ConfigureAwait(false);
    }

    public async Task SaveCheckpointAsync(Checkpoint checkpoint, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var folder = Path.Combine(RunFolder(checkpoint.RunId), "checkpoints");
        Directory.CreateDirectory(folder);
        var body = JsonSerializer.SerializeToUtf8Bytes(checkpoint, StoreJson.Options);
        await ChecksummedFile.WriteAsync(Path.Combine(folder, CheckpointName(checkpoint.Generation)), body, cancellationToken).ConfigureAwait(false);
        foreach (var old in CheckpointFiles(checkpoint.RunId).Skip(Math.Max(1, keep)))
        {
            File.Delete(old);
        }
    }

    public async Task<Checkpoint?> LoadLatestCheckpointAsync(string runId, Action<string> warn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warn);
        var files = CheckpointFiles(runId).ToArray();
        for (var i = 0; i < files.Length; i++)
        {
            try
            {
                var checkpoint = JsonSerializer.Deserialize<Checkpoint>((await ChecksummedFile.ReadAsync(files[i], cancellationToken).ConfigureAwait(false)).Span, StoreJson.Options)
                    ?? throw new InvalidDataException($"{files[i]}: empty checkpoint.");
                return checkpoint.Populations == null || checkpoint.History == null
                    ? throw new InvalidDataException($"{files[i]}: the checkpoint lacks its {(checkpoint.Populations == null ? "populations" : "history")}.")
                    : checkpoint;
            }
            catch (Exception ex) when (ex is InvalidDataException or JsonException or FormatException)
            {
                var fallback = i + 1 < files.Length ? "using the one before it" : "no older checkpoint is left, so the run starts from generation 0";
                warn($"Checkpoint {files[i]} is damaged and was skipped ({ex.Message}); {fallback}.");
            }
        }

        return null;
    }

    public Task AppendReportsAsync(string runId, int generation, IReadOnlyList<FitnessReport> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (reports.Count == 0)
        {
            return Task.CompletedTask;
        }

        // The whole append is one work item on the pool with plain file calls: on Linux every await of an asynchronous
        // FileStream is a trip through the pool of its own, and an append made four of them (open, read the last byte,
        // seek, write) for a few kilobytes. A NEAT run appends a generation's reports every millisecond or so.
        var path = ReportsPath(runId, generation);
        return Task.Run(() => ReportJson.WithLines(reports, lines => Append(path, lines)), cancellationToken);
    }

    private static bool Append(string path, ReadOnlySpan<byte> lines)
    {
        lock (AppendGate)
        {
            SafeFileHandle handle;
            try
            {
                handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            }
            catch (DirectoryNotFoundException)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
            }

            using (handle)
            {
                // A crash mid-write may have left a last line without its newline: start on a fresh line so the torn
                // record stays one skipped line and the next report is not glued onto it.
                var end = RandomAccess.GetLength(handle);
                Span<byte> last = stackalloc byte[1];
                if (end > 0 && RandomAccess.Read(handle, last, end - 1) == 1 && last[0] != (byte)'\n')
                {
                    RandomAccess.Write(handle, "\n"u8, end);
                    end++;
                }

                RandomAccess.Write(handle, lines, end);
            }
        }

        return true;
    }

    public async Task<IReadOnlyList<FitnessReport>> LoadReportsAsync(string runId, int generation, Action<string>? warn = null, CancellationToken cancellationToken = default)
    {
        var path = ReportsPath(runId, generation);
        if (!File.Exists(path))
        {
            return [];
        }

        var reports = new List<FitnessReport>();
        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<FitnessReport>(lines[i], StoreJson.Compact) is { GenomeId: not null } report)
                {
                    reports.Add(report);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a crash: that evaluation is simply redone.
                warn?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{path}:{i + 1}: a report cut short (a crash mid-write) was skipped; that genome is evaluated again."));
            }
        }

        return reports;
    }

    public async Task<string> SaveResultAsync(string runId, string name, string content, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(RunFolder(runId), name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, content, cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private string RunFolder(string runId) => Path.Combine(_root, runId);

    private string RecordPath(string runId) => Path.Combine(RunFolder(runId), "run.json");

    private string ReportsPath(string runId, int generation) =>
        Path.Combine(RunFolder(runId), "reports", string.Create(CultureInfo.InvariantCulture, $"gen-{generation:D6}.jsonl"));

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
