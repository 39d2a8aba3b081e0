namespace EvoPrune.Cli.Configuration;

/// <summary>
/// A config file that cannot be used. The message reads <c>file:line:column: field: what is wrong</c>, the form
/// compilers use, so editors and terminals can jump to the spot.
/// </summary>
public sealed class ConfigException : BadInputException
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConfigException(string file, long line, long column, string field, string problem)
        : base($"{file}:{line}:{column}: {field}: {problem}")
    {
        File = file;
        Line = line;
        Column = column;
        Field = field;
    }

    /// <summary>The config file.</summary>
    public string? File { get; }

    /// <summary>1-based line of the offending value (or of its parent mapping when a field is missing).</summary>
    public long Line { get; }

    /// <summary>1-based column.</summary>
    public long Column { get; }

    /// <summary>Dotted path of the field, e.g. <c>training.learning-rate</c>.</summary>
    public string? Field { get; }
}
