using System.IO.Compression;
using System.Text;

namespace EvoPrune.Data.Tests.Support;

/// <summary>A fresh temporary directory, deleted on dispose, with helpers to write test files into it.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "evoprune-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string WriteText(string name, string text, bool gzip = false) => WriteBytes(name, Encoding.ASCII.GetBytes(text), gzip);

    public string WriteBytes(string name, byte[] bytes, bool gzip = false)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (!gzip)
        {
            System.IO.File.WriteAllBytes(path, bytes);
            return path;
        }

        using var file = System.IO.File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.Fastest);
        zip.Write(bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
