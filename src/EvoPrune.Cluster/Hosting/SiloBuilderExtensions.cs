using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace EvoPrune.Cluster.Hosting;

/// <summary>Registration of the EvoPrune engine on a silo, in the Orleans way.</summary>
public static class SiloBuilderExtensions
{
    /// <summary>
    /// Adds the engine: the evaluation worker, the genome-kind registry with the built-in kinds, and Orleans' in-memory
    /// grain storage as <see cref="GrainStorageNames.EvoPrune"/> unless a provider of that name is registered already (for example
    /// by <see cref="AddEvoPrunePostgresGrainStorage"/>).
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
        builder.Services.AddBuiltInGenomeKinds();
        builder.Services.AddHostedService<EvaluationWorker>();
        if (!builder.Services.Any(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, GrainStorageNames.EvoPrune)))
        {
            builder.AddMemoryGrainStorage(GrainStorageNames.EvoPrune);
        }

        return builder;
    }

    /// <summary>
    /// The genome kinds EvoPrune ships and the <see cref="GenomeKindRegistry"/> that finds them by name: on a silo, and
    /// wherever a run's store is read without one (<c>inspect</c>, <c>export</c>).
    /// </summary>
    public static IServiceCollection AddBuiltInGenomeKinds(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<GenomeKindRegistry>();
        services.AddSingleton<IGenomeKind, Kinds.SparseMask.SparseMaskKind>();
        services.AddSingleton<IGenomeKind, Kinds.Ensemble.EnsembleKind>();
        services.AddSingleton<IGenomeKind, Kinds.Neat.NeatKind>();
        services.AddSingleton<IGenomeKind, Kinds.Pruning.PruningKind>();
        services.AddSingleton<IGenomeKind, Kinds.Activations.ActivationKind>();
        return services;
    }

    /// <summary>
    /// Registers a genome kind: its strategy, evaluator, validation and summaries come from <typeparamref name="TKind"/>,
    /// which the engine finds by <see cref="IGenomeKind.Name"/>. The engine itself never changes for a new kind.
    /// </summary>
    public static ISiloBuilder AddGenomeKind<TKind>(this ISiloBuilder builder)
        where TKind : class, IGenomeKind
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IGenomeKind, TKind>();
        return builder;
    }

    /// <summary>
    /// Registers <see cref="PostgresGrainStorage"/> as the grain storage provider <paramref name="name"/>; the connection
    /// (<c>postgres://</c>, password from the environment) is set through <paramref name="configure"/> and checked at start-up.
    /// </summary>
    public static ISiloBuilder AddEvoPrunePostgresGrainStorage(this ISiloBuilder builder, string name, Action<OptionsBuilder<PostgresGrainStorageOptions>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<PostgresGrainStorageOptions>(name);
        configure?.Invoke(options);
        options.Validate(o =>
        {
            o.Validate(name);
            return true;
        });
        builder.Services.AddGrainStorage(name, (sp, key) => PostgresGrainStorage.Open(
            sp.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(key).Connection,
            sp.GetRequiredService<IGrainStorageSerializer>()));
        return builder;
    }

    /// <summary>
    /// Stores runs in PostgreSQL (<paramref name="connection"/>: <c>postgres://user@host[:port]/database</c>, password from
    /// the environment) and keeps the engine's grain state there too. The schema is checked by the caller at start-up.
    /// </summary>
    public static ISiloBuilder AddEvoPrunePostgresStore(this ISiloBuilder builder, string connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connection);
        builder.Services.TryAddSingleton<IRunStore>(sp => PostgresRunStore.Open(connection, logger: sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<PostgresRunStore>>()));
        return builder.AddEvoPrunePostgresGrainStorage(GrainStorageNames.EvoPrune, o => o.Configure(p => p.Connection = connection));
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
