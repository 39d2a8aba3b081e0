namespace EvoPrune.Cli.Configuration;

/// <summary>What a run id may look like: it names a folder in the store and a grain key.</summary>
public static class RunIds
{
    public const string Rule = "use letters, digits, '-', '_' and '.'";

    public static bool IsValid(string id) =>
        id.Length > 0 && id != "." && id != ".." && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
