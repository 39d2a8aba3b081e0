using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// Files that are written whole or not at all, and whose damage is detected on read. Layout: one header line
/// <c>EVOPRUNE v1 sha256=HEX length=N</c>, then N bytes of body. Writes go to a temporary file that is flushed to disk
/// and then renamed over the target, so a crash leaves either the old file or the new one.
/// </summary>
internal static class ChecksummedFile
{
    private const string Magic = "EVOPRUNE v1";

    /// <summary>
    /// Writes <paramref name="bytes"/> (UTF-8 text, serialised straight to bytes: a large population's checkpoint is
    /// tens of megabytes) with its header to a temporary file, flushes it to disk and renames it over <paramref name="path"/>.
    /// </summary>
    public static async Task WriteAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var header = Encoding.ASCII.GetBytes($"{Magic} sha256={Convert.ToHexStringLower(SHA256.HashData(bytes))} length={bytes.Length}\n");
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            // fsync has no asynchronous form; it runs on the thread pool, never on a grain's scheduler thread.
            await Task.Run(() => stream.Flush(flushToDisk: true), cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The body of <paramref name="path"/> (UTF-8); throws <see cref="InvalidDataException"/> naming the file and the damage.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadAsync(string path, CancellationToken cancellationToken) =>
        Parse(path, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));

    private static ReadOnlyMemory<byte> Parse(string path, byte[] all)
    {
        var newline = Array.IndexOf(all, (byte)'\n');
        if (newline < 0)
        {
            throw new InvalidDataException($"{path}: no header line (truncated or not an EvoPrune file).");
        }

        var header = Encoding.ASCII.GetString(all, 0, newline).Split(' ');
        if (header.Length != 4 || $"{header[0]} {header[1]}" != Magic || !header[2].StartsWith("sha256=", StringComparison.Ordinal) || !header[3].StartsWith("length=", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: bad header (expected '{Magic} sha256=... length=...').");
        }

        var length = int.Parse(header[3].AsSpan(7), CultureInfo.InvariantCulture);
        var body = all.AsMemory(newline + 1);
        if (body.Length != length)
        {
            throw new InvalidDataException($"{path}: body has {body.Length} bytes, header says {length} (truncated or appended to).");
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(body.Span)), header[2][7..], StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{path}: checksum mismatch (the file was damaged).");
        }

        return body;
    }
}
