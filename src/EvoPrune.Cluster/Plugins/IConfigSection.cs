namespace EvoPrune.Cluster.Plugins;

/// <summary>
/// One mapping of an experiment config, as a genome kind reads its <c>search:</c> section: typed getters that check
/// every value where it is read, and errors that name the file, line, column and dotted field
/// (<c>file:line:col: search.density: problem</c>). The CLI implements it over YAML; kinds never see the format.
/// </summary>
public interface IConfigSection
{
    /// <summary>True if <paramref name="key"/> is present.</summary>
    bool Has(string key);

    /// <summary>The nested mapping <paramref name="key"/>, or an empty section if absent.</summary>
    IConfigSection Section(string key);

    string GetString(string key, string defaultValue);

    /// <summary>A string that must be one of <paramref name="allowed"/> (case-insensitive); returned lower-case.</summary>
    string GetChoice(string key, string defaultValue, IReadOnlyCollection<string> allowed);

    int GetInt(string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue);

    double GetDouble(string key, double defaultValue, double min = double.NegativeInfinity, double max = double.PositiveInfinity);

    bool GetBool(string key, bool defaultValue);

    /// <summary>A list of strings (a single value counts as a one-element list), or null if absent.</summary>
    IReadOnlyList<string>? GetStringList(string key);

    /// <summary>A list of whole numbers within [<paramref name="min"/>, <paramref name="max"/>], or null if absent.</summary>
    IReadOnlyList<int>? GetIntList(string key, int min = int.MinValue, int max = int.MaxValue);

    /// <summary>A list of numbers within [<paramref name="min"/>, <paramref name="max"/>], or null if absent.</summary>
    IReadOnlyList<double>? GetDoubleList(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity);

    /// <summary>The error to throw for <paramref name="key"/>'s value (at this section when absent), located like every other.</summary>
    Exception ErrorAt(string key, string problem);

    /// <summary>Throws for the first key not in <paramref name="known"/>, with the nearest known key as a hint.</summary>
    void EnsureAllKeysUsed(IEnumerable<string> known);
}
