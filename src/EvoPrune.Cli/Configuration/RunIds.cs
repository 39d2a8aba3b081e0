using System.Globalization;

namespace EvoPrune.Cli.Configuration;

/// <summary>What a run id may look like: it names a folder in the store and a grain key, never a path.</summary>
public static class RunIds
{
    /// <summary>Longest id: a folder name must stay well under the file system's 255 bytes.</summary>
    public const int MaxLength = 128;

    public const string Rule = "use letters, digits, '-', '_' and '.', at most 128 characters";

    public static bool IsValid(string id) =>
        id.Length is > 0 and <= MaxLength && id != "." && id != ".." && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>
    /// Returns <paramref name="id"/> when it is a run id; otherwise throws <see cref="BadInputException"/> that says
    /// what is wrong with it, and for a path (<c>../elsewhere/RUN</c>) how to name the run and its store instead.
    /// </summary>
    public static string Check(string? id, string what = "run id")
    {
        ArgumentNullException.ThrowIfNull(id);
        if (IsValid(id))
        {
            return id;
        }

        if (id.Contains('/', StringComparison.Ordinal) || id.Contains('\\', StringComparison.Ordinal))
        {
            var name = Path.GetFileName(id.TrimEnd('/', '\\'));
            var folder = Path.GetDirectoryName(id.TrimEnd('/', '\\'));
            throw new BadInputException(
                $"{what} '{Shorten(id)}' is a path; run ids are names in a store: give '{Shorten(name)}' and the store with --store {(string.IsNullOrEmpty(folder) ? "/" : Shorten(folder))}.");
        }

        var reason = id.Length == 0 ? "it is empty"
            : id.Length > MaxLength ? string.Create(CultureInfo.InvariantCulture, $"it has {id.Length} characters")
            : "it holds other characters";
        throw new BadInputException($"{what} '{Shorten(id)}' is not a run id ({reason}): {Rule}.");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
