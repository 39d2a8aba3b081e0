using System.Text.Json;
using System.Text.Json.Serialization;

namespace EvoPrune.Cluster.Storage;

/// <summary>The JSON settings of everything the run store writes.</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>One value per line, for append-only logs.</summary>
    public static readonly JsonSerializerOptions Compact = new(Options) { WriteIndented = false };
}
