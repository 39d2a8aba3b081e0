using System.Text.Json;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cli.Configuration;

/// <summary>
/// Reads the <c>search:</c> section of each genome kind into that kind's settings JSON (what <c>RunSpec.SettingsJson</c>
/// carries). A kind added to the engine adds its reader here.
/// </summary>
public static class KindSettingsReader
{
    private delegate string Reader(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population);

    private static readonly Dictionary<string, Reader> Readers = new(StringComparer.Ordinal)
    {
        [SparseMaskKind.KindName] = SparseMask,
    };

    /// <summary>The kinds a config may name in <c>run.kind</c>.</summary>
    public static IReadOnlyCollection<string> Kinds => Readers.Keys;

    public static string Read(string kind, ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population) =>
        Readers[kind](search, data, model, training, population);

    private static string SparseMask(ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, int population)
    {
        search.EnsureAllKeysUsed(["density", "tournament", "crossover-rate", "mutation-rate", "elites"]);
        var settings = new SparseMaskSettings
        {
            Data = data,
            Model = model,
            Training = training,
            Density = search.GetDouble("density", 0.2, 1e-6, 1),
            TournamentSize = search.GetInt("tournament", 3, 1, population),
            CrossoverRate = search.GetDouble("crossover-rate", 0.9, 0, 1),
            MutationRate = search.GetDouble("mutation-rate", 0.01, 0, 1),
            Elites = search.GetInt("elites", 2, 0, population - 1),
        };
        return JsonSerializer.Serialize(settings, SparseMaskKind.Json);
    }
}
