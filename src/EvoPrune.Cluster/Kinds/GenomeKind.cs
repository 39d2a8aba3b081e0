using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Workers;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Kinds;

/// <summary>
/// What every genome kind with typed settings does the same way: its name, its settings serialised once from the
/// config (<see cref="ReadSearch"/> returns the record, the base writes the JSON) and parsed once per run
/// (<see cref="KindSupport.ReadSettings{TSettings}"/>), and the engine's data folders. A kind implements its reader,
/// checks, strategy, evaluator and genome summary against <typeparamref name="TSettings"/>.
/// </summary>
public abstract class GenomeKind<TSettings> : IGenomeKind
    where TSettings : class
{
    private readonly IOptions<EngineOptions> _engine;

    protected GenomeKind(string name, IOptions<EngineOptions> engine)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
    }

    public string Name { get; }

    /// <summary>The JSON form of <typeparamref name="TSettings"/> in <see cref="RunSpec.SettingsJson"/>.</summary>
    protected virtual JsonSerializerOptions SettingsJson => KindSupport.Json;

    /// <summary>The folders this process finds datasets in.</summary>
    protected IReadOnlyList<string> DataDirectories => [.. _engine.Value.DataDirectories];

    public KindConfig ReadConfig(KindConfigSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (settings, shape) = ReadSearch(source);
        return new KindConfig(JsonSerializer.Serialize(settings, SettingsJson), shape);
    }

    public void Validate(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Validate(spec, Settings(spec));
    }

    public IPopulationStrategy CreateStrategy(RunSpec spec) => CreateStrategy(spec, Settings(spec));

    public IGenomeEvaluator CreateEvaluator(RunSpec spec, EvaluationHost host) => CreateEvaluator(spec, Settings(spec), host);

    public abstract string Summarize(RunSpec spec, GenomeRecord genome);

    public virtual string? DescribeOutcome(RunSpec spec, RunPhase phase, IReadOnlyList<GenerationSummary> history) => null;

    public virtual Task<IReadOnlyList<string>> WriteReportsAsync(RunSpec spec, Checkpoint last, IRunStore store, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    /// <summary><paramref name="spec"/>'s settings, parsed once per run.</summary>
    protected TSettings Settings(RunSpec spec) => KindSupport.ReadSettings<TSettings>(spec, SettingsJson);

    /// <summary>The kind's settings and the run's shape from a config (see <see cref="IGenomeKind.ReadConfig"/>).</summary>
    protected abstract (TSettings Settings, RunShape Shape) ReadSearch(KindConfigSource source);

    /// <summary>Throws <see cref="ArgumentException"/> with a readable message if the run cannot run with <paramref name="settings"/>.</summary>
    protected abstract void Validate(RunSpec spec, TSettings settings);

    protected abstract IPopulationStrategy CreateStrategy(RunSpec spec, TSettings settings);

    protected abstract IGenomeEvaluator CreateEvaluator(RunSpec spec, TSettings settings, EvaluationHost host);
}
