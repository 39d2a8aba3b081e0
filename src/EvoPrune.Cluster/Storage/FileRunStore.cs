using System.Globalization;
using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using Microsoft.Extensions.Options;
using Microsoft.Win32.SafeHandles;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// The embedded default store: <c>&lt;root&gt;/&lt;runId&gt;/</c> with <c>run.json</c>, <c>checkpoints/gen-NNNNNN.ckpt</c>,
/// <c>reports/gen-FFFFFF-LLLLLL.jsonl</c> (completed evaluations of generations F to L, one per line, each line starting
/// with its generation) and result files. Shared by every silo on one machine (or on a shared file system).
/// </summary>
/// <remarks>
/// Reports go into one file per <see cref="GenerationsPerReportFile"/> generations rather than one per generation: a
/// NEAT run finishes a generation every millisecond or so, and creating a file that often cost more than the run's own
/// work (on ext4 without a journal each creation skips every inode freed in the last minutes, so a file system where
/// runs were just deleted made NEAT on the engine twice as slow). Stores written by earlier versions, with a
/// <c>reports/gen-NNNNNN.jsonl</c> per generation, still read.
/// </remarks>
public sealed class FileRunStore : IRunStore
{
    // Appends from the silos of one process go one at a time, so two writes to one reports file never interleave.
    private static readonly Lock AppendGate = new();
    private readonly string _root;

    /// <summary>How many consecutive generations share one reports file.</summary>
    public const int GenerationsPerReportFile = 100;

    // The reports file read last, parsed as far as its last complete line: a replay after a crash loads the generations
    // since the checkpoint one after another, which would otherwise parse the same file once for each.
    private readonly Lock _readGate = new();
    private ParsedReports? _lastRead;

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
        return AppendReportsAsync(runId, [new ReportBatch(generation, reports)], cancellationToken);
    }

    public Task AppendReportsAsync(string runId, IReadOnlyList<ReportBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        if (batches.All(b => b.Reports.Count == 0))
        {
            return Task.CompletedTask;
        }

        // The whole append is one work item on the pool with plain file calls: on Linux every await of an asynchronous
        // FileStream is a trip through the pool of its own, and an append made four of them (open, read the last byte,
        // seek, write) for a few kilobytes. A NEAT run appends a generation's reports every millisecond or so.
        return Task.Run(
            () =>
            {
                foreach (var file in batches.Where(b => b.Reports.Count > 0).GroupBy(b => ReportsPath(runId, b.Generation), StringComparer.Ordinal))
                {
                    ReportJson.WithTaggedLines(file.ToArray(), lines => Append(file.Key, lines));
                }
            },
            cancellationToken);
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
        var reports = new List<FitnessReport>();
        // A store written by an earlier version: one file per generation, its lines untagged.
        var legacy = LegacyReportsPath(runId, generation);
        if (File.Exists(legacy))
        {
            var lines = await File.ReadAllBytesAsync(legacy, cancellationToken).ConfigureAwait(false);
            ParseLines(legacy, lines, 0, lines.Length, (_, report) => reports.Add(report), warn);
        }

        var path = ReportsPath(runId, generation);
        if (File.Exists(path))
        {
            reports.AddRange((await ReadAsync(path, warn, cancellationToken).ConfigureAwait(false)).Of(generation));
        }

        return reports;
    }

    // The parsed reports of a file, from the last read where the file only grew since (reports files are append-only;
    // the bytes before the part already parsed are read again to tell a file deleted and written anew).
    private async Task<ParsedReports> ReadAsync(string path, Action<string>? warn, CancellationToken cancellationToken)
    {
        ParsedReports? known;
        lock (_readGate)
        {
            known = _lastRead is { } last && string.Equals(last.Path, path, StringComparison.Ordinal) ? last : null;
        }

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
        var length = RandomAccess.GetLength(handle);
        if (known != null && known.Length <= length)
        {
            var overlap = known.Tail.Length;
            var bytes = await ReadFromAsync(handle, known.Length - overlap, length, cancellationToken).ConfigureAwait(false);
            if (bytes.AsSpan(0, Math.Min(overlap, bytes.Length)).SequenceEqual(known.Tail))
            {
                return Extend(known, bytes, overlap, warn);
            }
        }

        return Extend(new ParsedReports(path), await ReadFromAsync(handle, 0, length, cancellationToken).ConfigureAwait(false), 0, warn);
    }

    // Parses bytes[start..] (the file from parsed.Length on) up to its last complete line, into a copy of parsed when
    // there is such a line. What follows the last newline is a report cut short by a crash (the queue that writes a
    // run's reports is the one reading them, after a recovery): it is reported once and read again should it grow.
    private ParsedReports Extend(ParsedReports parsed, byte[] bytes, int start, Action<string>? warn)
    {
        var complete = bytes.AsSpan(start).LastIndexOf((byte)'\n') + 1;
        if (complete > 0)
        {
            parsed = parsed.Length == 0 ? parsed : parsed.Copy();
            parsed.Lines = ParseLines(parsed.Path, bytes, start, start + complete, parsed.Add, warn, parsed.Lines);
            parsed.Length += complete;
            parsed.Tail = bytes.AsSpan(0, start + complete)[Math.Max(0, start + complete - ParsedReports.TailLength)..].ToArray();
            lock (_readGate)
            {
                _lastRead = parsed;
            }
        }

        if (start + complete < bytes.Length && parsed.TornWarnedAt != parsed.Length)
        {
            parsed.TornWarnedAt = parsed.Length;
            warn?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{parsed.Path}:{parsed.Lines + 1}: a report cut short (a crash mid-write) was skipped; that genome is evaluated again."));
        }

        return parsed;
    }

    private static async Task<byte[]> ReadFromAsync(SafeFileHandle handle, long from, long to, CancellationToken cancellationToken)
    {
        var bytes = new byte[to - from];
        var read = 0;
        while (read < bytes.Length)
        {
            var n = await RandomAccess.ReadAsync(handle, bytes.AsMemory(read), from + read, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return read == bytes.Length ? bytes : bytes[..read];
    }

    // Parses the JSON lines in bytes[start..end), each with its generation (-1 when untagged); a damaged line is reported
    // through warn with its line number (counted from firstLine) and skipped.
    private static int ParseLines(string path, byte[] bytes, int start, int end, Action<int, FitnessReport> add, Action<string>? warn, int firstLine = 0)
    {
        var lineNumber = firstLine;
        var span = bytes.AsSpan(start, end - start);
        while (!span.IsEmpty)
        {
            var newline = span.IndexOf((byte)'\n');
            var line = newline < 0 ? span : span[..newline];
            span = newline < 0 ? [] : span[(newline + 1)..];
            lineNumber++;
            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<FitnessReport>(line, StoreJson.Compact) is { GenomeId: not null } report)
                {
                    add(ReportJson.Generation(line) ?? -1, report);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a crash: that evaluation is simply redone.
                warn?.Invoke(string.Create(CultureInfo.InvariantCulture, $"{path}:{lineNumber}: a report cut short (a crash mid-write) was skipped; that genome is evaluated again."));
            }
        }

        return lineNumber;
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

    private string ReportsPath(string runId, int generation)
    {
        var first = generation / GenerationsPerReportFile * GenerationsPerReportFile;
        return Path.Combine(RunFolder(runId), "reports", string.Create(CultureInfo.InvariantCulture, $"gen-{first:D6}-{first + GenerationsPerReportFile - 1:D6}.jsonl"));
    }

    private string LegacyReportsPath(string runId, int generation) =>
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

    // A reports file parsed up to Length bytes (Lines lines), its reports by generation.
    private sealed class ParsedReports(string path)
    {
        private Dictionary<int, List<FitnessReport>> _byGeneration = [];

        public string Path { get; } = path;

        public long Length { get; set; }

        public int Lines { get; set; }

        // The last bytes parsed, compared with the file on the next read.
        public const int TailLength = 256;

        public byte[] Tail { get; set; } = [];

        // The length at which a line cut short after the parsed ones was reported, so it is reported once.
        public long TornWarnedAt { get; set; } = -1;

        public void Add(int generation, FitnessReport report)
        {
            if (!_byGeneration.TryGetValue(generation, out var reports))
            {
                _byGeneration[generation] = reports = [];
            }

            reports.Add(report);
        }

        public IReadOnlyList<FitnessReport> Of(int generation) => _byGeneration.TryGetValue(generation, out var reports) ? reports : [];

        // A copy to extend, so a reader still holding this one sees what it parsed.
        public ParsedReports Copy() => new(Path) { Length = Length, Lines = Lines, Tail = Tail, TornWarnedAt = TornWarnedAt, _byGeneration = _byGeneration.ToDictionary(e => e.Key, e => new List<FitnessReport>(e.Value)) };
    }
}
