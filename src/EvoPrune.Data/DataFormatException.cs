using System.Text;

namespace EvoPrune.Data;

/// <summary>
/// A data file could not be read: it is missing, truncated, has the wrong magic number, a ragged row, an
/// unparsable number or an out-of-range label. The message always names the file, and the line (1-based,
/// for text files) and field where they are known, so a user can open the file at the right place.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>Creates an exception with no file information (prefer the other constructor).</summary>
    public DataFormatException()
        : this("The data file is malformed.")
    {
    }

    /// <summary>Creates an exception with a plain message and no file information.</summary>
    public DataFormatException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a plain message, a cause and no file information.</summary>
    public DataFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    /// <summary>Creates an exception that locates <paramref name="problem"/> in <paramref name="file"/>.</summary>
    /// <param name="file">Path of the offending file.</param>
    /// <param name="line">1-based line number in a text file, or null.</param>
    /// <param name="field">What was being read ("column 7", "magic number", "label 345"), or null.</param>
    /// <param name="problem">What is wrong, in words.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DataFormatException(string file, long? line, string? field, string problem, Exception? innerException = null)
        : base(Compose(file, line, field, problem), innerException)
    {
        File = file;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>Path of the offending file; empty when unknown.</summary>
    public string File { get; }

    /// <summary>1-based line number for text files; null for binary files or when not tied to a line.</summary>
    public long? Line { get; }

    /// <summary>The field being read ("column 7", "magic number", "label 345"); null when not tied to one.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location prefix.</summary>
    public string? Problem { get; }

    private static string Compose(string file, long? line, string? field, string problem)
    {
        var text = new StringBuilder(file);
        if (line is { } l)
        {
            text.Append(", line ").Append(l);
        }

        if (!string.IsNullOrEmpty(field))
        {
            text.Append(", ").Append(field);
        }

        return text.Append(": ").Append(problem).ToString();
    }
}
