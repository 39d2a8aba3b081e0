using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Hosting;

/// <summary>Registration of the EvoPrune engine on a silo, in the Orleans way.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds the engine: the evaluation worker, the genome-kind registry with the built-in kinds, and the file run store
    /// (unless another <see cref="IRunStore"/> is registered).
    /// </summary>
    public static ISiloBuilder AddEvoPruneEngine(this ISiloBuilder builder, Action<EngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<EngineOptions>();
        if (configure != null)
        {
            options.Configure(configure);
        }

        options.Validate(o =>
        {
            o.Validate();
            return true;
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<GenomeKindRegistry>();
        builder.Services.AddSingleton<IGenomeKind, Kinds.SparseMask.SparseMaskKind>();
        builder.Services.AddSingleton<IGenomeKind, Kinds.Ensemble.EnsembleKind>();
        builder.Services.AddSingleton<IGenomeKind, Kinds.Neat.NeatKind>();
        builder.Services.AddSingleton<IGenomeKind, Kinds.Pruning.PruningKind>();
        builder.Services.AddSingleton<IGenomeKind, Kinds.Activations.ActivationKind>();
        builder.Services.AddHostedService<EvaluationWorker>();
        return builder;
    }

    /// <summary>Stores runs as files under <paramref name="root"/> (default <c>populations/</c>).</summary>
    public static ISiloBuilder AddEvoPruneFileStore(this ISiloBuilder builder, string root = FileRunStoreOptions.DefaultRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<FileRunStoreOptions>(o => o.Root = root);
        builder.Services.TryAddSingleton<IRunStore>(sp => new FileRunStore(sp.GetRequiredService<IOptions<FileRunStoreOptions>>()));
        return builder;
    }
}
