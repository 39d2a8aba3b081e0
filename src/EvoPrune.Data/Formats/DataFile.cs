using System.IO.Compression;
using System.Text;

namespace EvoPrune.Data.Formats;

/// <summary>Opens data files, decompressing gzip transparently (detected by the magic bytes 1f 8b, not the name).</summary>
internal static class DataFile
{
    // Non-blank line counts by file version (full path, size, write time).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Path, long Length, long Written), int> LineCounts = new();

    /// <summary>True when the file starts with the gzip magic bytes.</summary>
    public static bool IsGzip(Stream seekable)
    {
        var first = seekable.ReadByte();
        var second = seekable.ReadByte();
        seekable.Seek(0, SeekOrigin.Begin);
        return first == 0x1f && second == 0x8b;
    }

    /// <summary>Opens <paramref name="path"/> for reading; a missing or unreadable file is a <see cref="DataFormatException"/>.</summary>
    public static Stream Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataFormatException(path, null, null, "the file does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataFormatException(path, null, null, $"the file cannot be opened ({e.Message})", e);
        }

        return IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    /// <summary>Opens a text file (gzip or plain) as ASCII/UTF-8 text.</summary>
    public static StreamReader OpenText(string path) => new(Open(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    /// <summary>
    /// Reads until <paramref name="buffer"/> is full or the stream ends; returns the bytes read. Corrupt gzip
    /// data becomes a <see cref="DataFormatException"/> naming <paramref name="path"/>.
    /// </summary>
    public static int ReadFully(Stream stream, Span<byte> buffer, string path)
    {
        var total = 0;
        try
        {
            while (total < buffer.Length)
            {
                var read = stream.Read(buffer[total..]);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, null, null, $"corrupt or truncated gzip data after {total} decompressed bytes ({e.Message})", e);
        }

        return total;
    }

    /// <summary>Counts non-blank lines (cheap for the small text sets; used for listings).</summary>
    public static int CountNonBlankLines(string path)
    {
        // Counting a compressed file means decompressing it all; the count is kept per file version (path, size and
        // write time), since every run that describes its dataset asks again.
        var file = new FileInfo(path);
        var key = (file.FullName, file.Exists ? file.Length : -1, file.Exists ? file.LastWriteTimeUtc.Ticks : 0);
        if (LineCounts.TryGetValue(key, out var known))
        {
            return known;
        }

        var count = CountLines(path);
        LineCounts[key] = count;
        return count;
    }

    private static int CountLines(string path)
    {
        using var reader = OpenText(path);
        var count = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    count++;
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, null, null, $"corrupt gzip data ({e.Message})", e);
        }

        return count;
    }
}
