using System.Globalization;
using EvoPrune.Cluster.Plugins;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace EvoPrune.Cli.Configuration;

/// <summary>
/// One YAML mapping of a config file with typed, position-aware getters: every error names the file, line, column and
/// dotted field path. <see cref="EnsureAllKeysUsed"/> turns a misspelt key into an error instead of a silent default.
/// Genome kinds read their <c>search:</c> sections through it as <see cref="IConfigSection"/>.
/// </summary>
public sealed class ConfigSection : IConfigSection
{
    private readonly YamlMappingNode _node;

    private ConfigSection(string file, string path, YamlMappingNode node)
    {
        File = file;
        Path = path;
        _node = node;
    }

    /// <summary>The config file this section came from.</summary>
    public string File { get; }

    /// <summary>Dotted path of this section ("" for the root).</summary>
    public string Path { get; }

    /// <summary>Parses <paramref name="file"/>; the root must be a mapping.</summary>
    public static ConfigSection Load(string file)
    {
        if (Directory.Exists(file))
        {
            throw new ConfigException($"{file}: is a folder, not a config file.");
        }

        if (!System.IO.File.Exists(file))
        {
            throw new ConfigException($"{file}: config file not found.");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(file);
            stream.Load(reader);
        }
        catch (YamlException ex)
        {
            throw new ConfigException(file, ex.Start.Line, ex.Start.Column, "(syntax)", ex.InnerException?.Message ?? ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's parser can fail this way on broken flow collections (found by ConfigFuzzTests): still the file's syntax.
            var (line, column) = LastParsedAt(file);
            throw new ConfigException(file, line, column, "(syntax)", $"the YAML cannot be parsed after this point ({ex.Message})");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigException(file, 1, 1, "(root)", "the file must be a YAML mapping of settings (key: value).");
        }

        return new ConfigSection(file, string.Empty, root);
    }

    // Where the parser got to before it failed: the start of the last event it read (1:1 when it read none).
    private static (long Line, long Column) LastParsedAt(string file)
    {
        using var reader = new StreamReader(file);
        var parser = new Parser(reader);
        var at = (Line: 1L, Column: 1L);
        try
        {
            while (parser.MoveNext())
            {
                at = (parser.Current!.Start.Line, parser.Current.Start.Column);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or YamlException)
        {
            // The failure being located.
        }

        return at;
    }

    /// <summary>True if <paramref name="key"/> is present.</summary>
    public bool Has(string key) => Find(key) != null;

    /// <summary>True if <paramref name="key"/> is present and holds a mapping (not a scalar or list).</summary>
    public bool IsMapping(string key) => Find(key) is YamlMappingNode;

    /// <summary>The nested mapping <paramref name="key"/>, or an empty section if absent.</summary>
    public ConfigSection Section(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => new ConfigSection(File, Join(key), new YamlMappingNode()),
            YamlMappingNode map => new ConfigSection(File, Join(key), map),
            _ => throw Error(node, key, "expected a mapping of settings (key: value)."),
        };
    }

    IConfigSection IConfigSection.Section(string key) => Section(key);

    public string GetString(string key, string defaultValue) => Scalar(key)?.Value ?? defaultValue;

    public string GetRequiredString(string key) =>
        Scalar(key)?.Value ?? throw new ConfigException(File, _node.Start.Line, _node.Start.Column, Join(key), "is required.");

    /// <summary>A string that must be one of <paramref name="allowed"/> (case-insensitive); returned lower-case.</summary>
    public string GetChoice(string key, string defaultValue, IReadOnlyCollection<string> allowed)
    {
        var scalar = Scalar(key);
        if (scalar == null)
        {
            return defaultValue;
        }

        var value = scalar.Value?.ToLowerInvariant() ?? string.Empty;
        return allowed.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? value
            : throw Error(scalar, key, $"'{scalar.Value}' is not one of: {string.Join(", ", allowed)}.");
    }

    public int GetInt(string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue) =>
        (int)GetLong(key, defaultValue, min, max);

    public long GetLong(string key, long defaultValue, long min = long.MinValue, long max = long.MaxValue)
    {
        var scalar = Scalar(key);
        if (scalar == null)
        {
            return defaultValue;
        }

        if (!long.TryParse(scalar.Value, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(scalar, key, $"'{scalar.Value}' is not a whole number.");
        }

        return value >= min && value <= max ? value : throw Error(scalar, key, $"{value} is outside [{min}, {max}].");
    }

    public double GetDouble(string key, double defaultValue, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var scalar = Scalar(key);
        if (scalar == null)
        {
            return defaultValue;
        }

        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw Error(scalar, key, $"'{scalar.Value}' is not a number.");
        }

        return value >= min && value <= max ? value : throw Error(scalar, key, $"{value} is outside [{min}, {max}].");
    }

    public bool GetBool(string key, bool defaultValue)
    {
        var scalar = Scalar(key);
        if (scalar == null)
        {
            return defaultValue;
        }

        return scalar.Value?.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(scalar, key, $"'{scalar.Value}' is not true or false."),
        };
    }

    /// <summary>A list of strings; a single scalar counts as a one-element list.</summary>
    public IReadOnlyList<string>? GetStringList(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => null,
            YamlScalarNode s => [s.Value ?? string.Empty],
            YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode s ? s.Value ?? string.Empty : throw Error(c, key, "list items must be plain values.")).ToArray(),
            _ => throw Error(node, key, "expected a value or a list of values."),
        };
    }

    /// <summary>A list of whole numbers within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public IReadOnlyList<int>? GetIntList(string key, int min = int.MinValue, int max = int.MaxValue)
    {
        var node = Find(key);
        if (node == null)
        {
            return null;
        }

        var items = node is YamlSequenceNode seq ? seq.Children : [node];
        return items.Select(item =>
        {
            if (item is not YamlScalarNode s || !int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            {
                throw Error(item, key, "expected a whole number or a list of whole numbers, e.g. [300, 100].");
            }

            return v >= min && v <= max ? v : throw Error(item, key, $"{v} is outside [{min}, {max}].");
        }).ToArray();
    }

    /// <summary>A list of numbers within [<paramref name="min"/>, <paramref name="max"/>]; a single scalar counts as a one-element list.</summary>
    public IReadOnlyList<double>? GetDoubleList(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        var node = Find(key);
        if (node == null)
        {
            return null;
        }

        var items = node is YamlSequenceNode seq ? seq.Children : [node];
        return items.Select(item =>
        {
            if (item is not YamlScalarNode s || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
            {
                throw Error(item, key, "expected a number or a list of numbers, e.g. [0.5, 0.9].");
            }

            return v >= min && v <= max ? v : throw Error(item, key, $"{v} is outside [{min}, {max}].");
        }).ToArray();
    }

    /// <summary>An error at the position of <paramref name="key"/>'s value (or of this section if absent).</summary>
    public ConfigException ErrorAt(string key, string problem)
    {
        var node = Find(key) ?? _node;
        return Error(node, key, problem);
    }

    Exception IConfigSection.ErrorAt(string key, string problem) => ErrorAt(key, problem);

    /// <summary>Throws for the first key that no getter asked for, with the nearest known key as a hint.</summary>
    public void EnsureAllKeysUsed(IEnumerable<string> known)
    {
        var knownKeys = known.ToArray();
        foreach (var (keyNode, _) in _node.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            if (!knownKeys.Contains(key, StringComparer.Ordinal))
            {
                var hint = knownKeys.OrderBy(k => Distance(k, key)).FirstOrDefault();
                throw Error(keyNode, key, $"unknown setting.{(hint != null && Distance(hint, key) <= 3 ? $" Did you mean '{hint}'?" : string.Empty)} Known here: {string.Join(", ", knownKeys)}.");
            }
        }
    }

    private YamlNode? Find(string key)
    {
        return _node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    private YamlScalarNode? Scalar(string key)
    {
        var node = Find(key);
        return node switch
        {
            null => null,
            YamlScalarNode { Value: null or "" or "~" or "null" } => null,
            YamlScalarNode s => s,
            _ => throw Error(node, key, "expected a single value."),
        };
    }

    private ConfigException Error(YamlNode node, string key, string problem) =>
        new(File, node.Start.Line, node.Start.Column, Join(key), problem);

    private string Join(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
