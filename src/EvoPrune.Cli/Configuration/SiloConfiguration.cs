using System.Globalization;
using System.Text.Json;
using EvoPrune.Cli.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace EvoPrune.Cli.Configuration;

/// <summary>
/// The silo settings as one <see cref="IConfiguration"/>, lowest precedence first: the <c>"EvoPrune"</c> section of a
/// JSON settings file (<c>--settings FILE</c>, else <c>$EVOPRUNE_SETTINGS</c>, else <c>appsettings.json</c> in the working
/// directory when there is one), <c>EVOPRUNE_*</c> environment variables, a run config's <c>device:</c> (for <c>run</c>),
/// the command line. <see cref="Bind"/> binds it to <see cref="SiloOptions"/> and checks them with
/// <see cref="SiloOptionsValidator"/>; every problem is a <see cref="BadInputException"/> naming the setting and the
/// layer it came from.
/// </summary>
public sealed class SiloConfiguration
{
    public const string FileName = "appsettings.json";
    public const string Variable = "EVOPRUNE_SETTINGS";
    public const string Section = "EvoPrune";
    public const string EnvironmentPrefix = "EVOPRUNE_";

    // Parallel to the configuration's providers: how a value from each is named in messages.
    private readonly List<Func<string, string>> _names;

    private SiloConfiguration(IConfigurationRoot root, List<Func<string, string>> names, string? file)
    {
        Root = root;
        _names = names;
        File = file;
    }

    /// <summary>The merged configuration (keys are <see cref="SiloOptions"/>' property names, case-insensitive).</summary>
    public IConfigurationRoot Root { get; }

    /// <summary>The settings file that was read (null: none).</summary>
    public string? File { get; }

    /// <summary>The process' <c>EVOPRUNE_*</c> variables as a configuration source (prefix removed).</summary>
    public static IConfigurationSource ProcessEnvironment() => new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix };

    /// <summary>
    /// Reads the layers. <paramref name="commandLine"/> holds the options given on the command line as (key, value);
    /// <paramref name="runConfig"/>, when given, is a layer above the environment (a run config's values and the file they
    /// came from). Throws <see cref="ConfigException"/> for a settings file that cannot be used.
    /// </summary>
    public static SiloConfiguration Build(
        string? settingsFile,
        Func<string, string?> environmentVariable,
        IConfigurationSource environment,
        string workingDirectory,
        IEnumerable<KeyValuePair<string, string>> commandLine,
        (IReadOnlyDictionary<string, string> Values, string File)? runConfig = null)
    {
        ArgumentNullException.ThrowIfNull(environmentVariable);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(commandLine);
        var builder = new ConfigurationBuilder();
        var names = new List<Func<string, string>>();
        var path = SettingsPath(settingsFile, environmentVariable, workingDirectory);
        if (path != null)
        {
            builder.AddConfiguration(ReadFile(path).GetSection(Section));
            names.Add(key => $"{path}: {Section}:{Key(key)}");
        }

        builder.Add(environment);
        names.Add(key => EnvironmentPrefix + Key(key).ToUpperInvariant());
        if (runConfig is { } run)
        {
            builder.AddInMemoryCollection(run.Values.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
            names.Add(key => $"{run.File}: {key.ToLowerInvariant()}");
        }

        builder.Add(new CommandLineConfigurationSource { Args = [.. commandLine.Select(p => $"--{p.Key}={p.Value}")] });
        names.Add(key => SiloOptions.Options.TryGetValue(key, out var option) ? option : key);
        return new SiloConfiguration(builder.Build(), names, path);
    }

    /// <summary>Where the value of <paramref name="key"/> came from: an option, a variable, a file and key; the option when no layer gave it.</summary>
    public string Describe(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var providers = Root.Providers.ToArray();
        for (var i = providers.Length - 1; i >= 0; i--)
        {
            if (providers[i].TryGet(key, out _))
            {
                return _names[i](key);
            }
        }

        return SiloOptions.Options.TryGetValue(key, out var option) ? option : key;
    }

    /// <summary>
    /// The options under <paramref name="name"/> (<see cref="SiloOptions.Silo"/>, <see cref="SiloOptions.Embedded"/>,
    /// <see cref="SiloOptions.Client"/>), bound and checked; throws <see cref="BadInputException"/> naming each problem.
    /// </summary>
    public SiloOptions Bind(string name)
    {
        var options = new SiloOptions();
        try
        {
            Root.Bind(options);
        }
        catch (InvalidOperationException)
        {
            // The binder names the path but not the layer: find the key whose value does not convert, and name its source.
            throw new BadInputException(ConversionFailure());
        }

        // Lists merge by index across layers; the highest layer that gives one gives all of it.
        options.DataDirectories = List(nameof(SiloOptions.DataDirectories));
        var result = new SiloOptionsValidator(Describe).Validate(name, options);
        return result.Failed ? throw new BadInputException(string.Join(" ", result.Failures)) : options;
    }

    private string[] List(string key)
    {
        foreach (var provider in Root.Providers.Reverse())
        {
            var indexes = provider.GetChildKeys([], key).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (indexes.Length > 0)
            {
                return [.. indexes
                    .Select(i => (Index: int.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue, Key: i))
                    .OrderBy(i => i.Index)
                    .Select(i => provider.TryGet($"{key}:{i.Key}", out var value) ? value ?? string.Empty : string.Empty)];
            }
        }

        return [];
    }

    private string ConversionFailure()
    {
        foreach (var property in typeof(SiloOptions).GetProperties().Where(p => p.PropertyType != typeof(string)))
        {
            var section = Root.GetSection(property.Name);
            try
            {
                section.Get(property.PropertyType);
            }
            catch (InvalidOperationException)
            {
                var expected = property.PropertyType == typeof(bool) ? "expected true or false" : "expected a whole number";
                var value = section.Value ?? section.GetChildren().FirstOrDefault(c => c.Value != null)?.Value;
                return $"{Describe(property.Name)} '{value}': {expected}.";
            }
        }

        return "the silo settings do not convert to their types.";
    }

    private static string? SettingsPath(string? given, Func<string, string?> environmentVariable, string workingDirectory)
    {
        var named = !string.IsNullOrEmpty(given) ? given : environmentVariable(Variable) is { Length: > 0 } fromVariable ? fromVariable : null;
        var path = named ?? Path.Combine(workingDirectory, FileName);
        if (System.IO.File.Exists(path))
        {
            return path;
        }

        return named == null ? null
            : Directory.Exists(named) ? throw new ConfigException($"{named}: the settings file is a folder; give a JSON file.")
            : throw new ConfigException($"{named}: settings file not found.");
    }

    // The file on its own, so that its section can be checked for unknown keys before it becomes a layer.
    private static IConfigurationRoot ReadFile(string path)
    {
        IConfigurationRoot file;
        try
        {
            using var stream = System.IO.File.OpenRead(path);
            file = new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (Exception ex) when ((ex as JsonException ?? ex.InnerException as JsonException) is { } json)
        {
            throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"{path}:{(json.LineNumber ?? 0) + 1}: not valid JSON ({json.Message.ReplaceLineEndings(" ")})"), ex);
        }
        catch (FormatException ex)
        {
            throw new ConfigException($"{path}: not a usable settings file ({ex.Message.ReplaceLineEndings(" ")})", ex);
        }

        var section = file.GetSection(Section);
        var keys = string.Join(", ", SiloOptions.Options.Keys);
        if (section.Value != null)
        {
            throw new ConfigException($"{path}: {Section}: expected an object with keys {keys}.");
        }

        foreach (var child in section.GetChildren())
        {
            if (!SiloOptions.Options.ContainsKey(child.Key))
            {
                throw new ConfigException($"{path}: {Section}:{child.Key}: unknown key; known keys are {keys}.");
            }

            var nested = child.GetChildren().Any();
            if (nested != string.Equals(child.Key, nameof(SiloOptions.DataDirectories), StringComparison.OrdinalIgnoreCase) && (nested || child.Value != null))
            {
                throw new ConfigException(nested
                    ? $"{path}: {Section}:{child.Key}: expected a single value, not an object or a list."
                    : $"{path}: {Section}:{child.Key}: expected a list of folders.");
            }
        }

        return file;
    }

    // The key as SiloOptions spells it (configuration keys compare case-insensitively).
    private static string Key(string key) => SiloOptions.Options.Keys.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) ?? key;
}
