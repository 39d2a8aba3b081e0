using System.Globalization;

namespace EvoPrune.Data.Formats;

/// <summary>
/// Turns the label text of a table row into a class index 0..K-1. Numeric mappings parse the text as a number
/// (so "2", "2.0" and "2.0000" are the same class) and look the integer up in <see cref="Values"/>; token
/// mappings compare the text exactly (ordinal) with <see cref="Tokens"/>. Class k is named <c>ClassNames[k]</c>.
/// </summary>
public sealed class LabelMapping
{
    private readonly Dictionary<int, int>? _byValue;
    private readonly Dictionary<string, int>? _byToken;

    private LabelMapping(IReadOnlyList<int>? values, IReadOnlyList<string>? tokens, IReadOnlyList<string> classNames)
    {
        Values = values;
        Tokens = tokens;
        ClassNames = classNames;
        _byValue = values?.Select((v, k) => (v, k)).ToDictionary(p => p.v, p => p.k);
        _byToken = tokens?.Select((t, k) => (t, k)).ToDictionary(p => p.t, p => p.k, StringComparer.Ordinal);
    }

    /// <summary>The integer written in the file for each class (numeric mappings), or null.</summary>
    public IReadOnlyList<int>? Values { get; }

    /// <summary>The exact text written in the file for each class (token mappings), or null.</summary>
    public IReadOnlyList<string>? Tokens { get; }

    /// <summary>One display name per class.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Integers <paramref name="first"/>..first+count-1 map to 0..count-1 (e.g. 1-based classes).</summary>
    public static LabelMapping Range(int first, int count, IReadOnlyList<string>? classNames = null) =>
        Integers(Enumerable.Range(first, count).ToArray(), classNames);

    /// <summary>The listed integers map to 0, 1, ... in list order (e.g. satimage's 1,2,3,4,5,7).</summary>
    public static LabelMapping Integers(IReadOnlyList<int> values, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var names = classNames ?? values.Select(v => v.ToString(CultureInfo.InvariantCulture)).ToArray();
        return names.Count != values.Count ? throw new ArgumentException("One class name per value is needed.", nameof(classNames)) : new LabelMapping(values, null, names);
    }

    /// <summary>The listed strings map to 0, 1, ... in list order (e.g. "b","g" or "bus","opel","saab","van").</summary>
    public static LabelMapping Strings(IReadOnlyList<string> tokens, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var names = classNames ?? tokens;
        return names.Count != tokens.Count ? throw new ArgumentException("One class name per token is needed.", nameof(classNames)) : new LabelMapping(null, tokens, names);
    }

    /// <summary>The class index of <paramref name="text"/>, or -1 if it names no class.</summary>
    public int Map(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_byToken is not null)
        {
            return _byToken.TryGetValue(text, out var k) ? k : -1;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number != Math.Round(number) || Math.Abs(number) > int.MaxValue)
        {
            return -1;
        }

        return _byValue!.TryGetValue((int)number, out var index) ? index : -1;
    }

    /// <summary>The accepted label texts, for error messages.</summary>
    public string Describe() =>
        Tokens is not null ? string.Join(", ", Tokens) : string.Join(", ", Values!.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
