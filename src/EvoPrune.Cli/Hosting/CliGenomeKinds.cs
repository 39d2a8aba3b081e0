using EvoPrune.Cluster.Hosting;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// The genome kinds of a command that reads configs or stores without a silo (reading a config, <c>inspect</c>,
/// <c>export</c>): the registry a silo of this build holds, made the same way (<c>AddBuiltInGenomeKinds</c>).
/// </summary>
internal static class CliGenomeKinds
{
    /// <summary>The built-in kinds, finding datasets in <paramref name="dataDirectories"/>.</summary>
    public static GenomeKindRegistry Registry(IEnumerable<string> dataDirectories)
    {
        var engine = new EngineOptions();
        foreach (var dir in dataDirectories)
        {
            engine.DataDirectories.Add(dir);
        }

        return new ServiceCollection().AddSingleton(Options.Create(engine)).AddBuiltInGenomeKinds()
            .BuildServiceProvider().GetRequiredService<GenomeKindRegistry>();
    }
}
