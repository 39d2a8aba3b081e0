namespace EvoPrune.Data;

/// <summary>
/// A dataset name is unknown, or none of the data directories holds its files. The message lists the
/// directories searched (in order) and how to fix it: set <c>EVOPRUNE_DATA</c>, pass <c>--data-dir</c>,
/// or install the package that ships the data.
/// </summary>
public sealed class DatasetNotFoundException : Exception
{
    /// <summary>Creates an exception with a generic message.</summary>
    public DatasetNotFoundException()
        : this("The dataset was not found.")
    {
    }

    /// <summary>Creates an exception with a plain message.</summary>
    public DatasetNotFoundException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with a plain message and a cause.</summary>
    public DatasetNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
        DatasetName = string.Empty;
        SearchedDirectories = [];
    }

    /// <summary>Creates the exception for <paramref name="datasetName"/> after searching <paramref name="searchedDirectories"/>.</summary>
    public DatasetNotFoundException(string datasetName, IReadOnlyList<string> searchedDirectories, string message)
        : base(message)
    {
        DatasetName = datasetName;
        SearchedDirectories = searchedDirectories;
    }

    /// <summary>The name that was asked for.</summary>
    public string DatasetName { get; }

    /// <summary>The data directories that were searched, in search order.</summary>
    public IReadOnlyList<string> SearchedDirectories { get; }
}
