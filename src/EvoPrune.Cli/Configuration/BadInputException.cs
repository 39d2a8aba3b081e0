namespace EvoPrune.Cli.Configuration;

/// <summary>
/// A user mistake the CLI itself finds (an option, a run id, a store, a combination of arguments): reported as one line
/// with exit code 2 before anything is written. Config files have their own subtype, <see cref="ConfigException"/>.
/// </summary>
public class BadInputException : Exception
{
    public BadInputException()
    {
    }

    public BadInputException(string message)
        : base(message)
    {
    }

    public BadInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
