using System.Globalization;
using System.Net;
using System.Text.Json;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cli.Configuration;

/// <summary>
/// Defaults for the silo options from the <c>"EvoPrune"</c> section of a JSON settings file: <c>--settings FILE</c>, else
/// <c>$EVOPRUNE_SETTINGS</c>, else <c>appsettings.json</c> in the working directory when there is one. They rank below the
/// command line and the environment and above the built-in defaults. Store and cluster URIs with a password are refused:
/// credentials come only from the environment or files.
/// </summary>
public sealed record AppSettings
{
    public const string FileName = "appsettings.json";
    public const string Variable = "EVOPRUNE_SETTINGS";
    public const string Section = "EvoPrune";

    private static readonly string[] Keys = ["Cluster", "Store", "Listen", "Device", "Workers", "Threads"];

    /// <summary>The file the settings came from (null: none).</summary>
    public string? File { get; init; }

    public string? Cluster { get; init; }

    public string? Store { get; init; }

    public string? Listen { get; init; }

    public string? Device { get; init; }

    public int? Workers { get; init; }

    public int? Threads { get; init; }

    /// <summary>Finds and reads the settings file; throws <see cref="ConfigException"/> naming the file (and key) when it cannot be used.</summary>
    public static AppSettings Load(string? given, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var named = !string.IsNullOrEmpty(given) ? given : environment(Variable) is { Length: > 0 } fromVariable ? fromVariable : null;
        var path = named ?? Path.Combine(workingDirectory, FileName);
        if (!System.IO.File.Exists(path))
        {
            return named == null ? new AppSettings() : throw new ConfigException($"{named}: settings file not found.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(System.IO.File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"{path}:{ex.LineNumber + 1}: not valid JSON ({ex.Message})"), ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"{path}: expected a JSON object with an \"{Section}\" section.");
            }

            var section = document.RootElement.EnumerateObject().FirstOrDefault(p => p.NameEquals(Section) || string.Equals(p.Name, Section, StringComparison.OrdinalIgnoreCase));
            if (section.Value.ValueKind == JsonValueKind.Undefined)
            {
                return new AppSettings { File = path };
            }

            if (section.Value.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException($"{path}: {Section}: expected an object with keys {string.Join(", ", Keys)}.");
            }

            var settings = new AppSettings { File = path };
            foreach (var property in section.Value.EnumerateObject())
            {
                var key = Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new ConfigException($"{path}: {Section}:{property.Name}: unknown key; known keys are {string.Join(", ", Keys)}.");
                settings = key switch
                {
                    "Cluster" => settings with { Cluster = Uri(path, key, property.Value, "EVOPRUNE_CLUSTER_PASSWORD") },
                    "Store" => settings with { Store = Uri(path, key, property.Value, PostgresConnection.PasswordVariable) },
                    "Listen" => settings with { Listen = Address(path, key, property.Value) },
                    "Device" => settings with { Device = Text(path, key, property.Value) },
                    "Workers" => settings with { Workers = Number(path, key, property.Value, 1) },
                    _ => settings with { Threads = Number(path, key, property.Value, 0) },
                };
            }

            return settings;
        }
    }

    private static string Text(string path, string key, JsonElement value) =>
        value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new ConfigException($"{path}: {Section}:{key}: expected a non-empty string.");

    private static string Uri(string path, string key, JsonElement value, string passwordVariable)
    {
        var text = Text(path, key, value);
        if (!string.Equals(PostgresConnection.Mask(text), text, StringComparison.Ordinal))
        {
            // Said without the value: it holds a password.
            throw new ConfigException($"{path}: {Section}:{key}: the URI carries a password; give it through {passwordVariable} or {passwordVariable}_FILE instead.");
        }

        return text;
    }

    private static string Address(string path, string key, JsonElement value)
    {
        var text = Text(path, key, value);
        return IPAddress.TryParse(text, out _) ? text : throw new ConfigException($"{path}: {Section}:{key}: '{text}' is not an IP address.");
    }

    private static int Number(string path, string key, JsonElement value, int minimum) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= minimum
            ? number
            : throw new ConfigException(string.Create(CultureInfo.InvariantCulture, $"{path}: {Section}:{key}: expected a whole number >= {minimum}, got {value.GetRawText()}."));
}
