using EvoPrune.Data;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Tasks;
using EvoPrune.Learning.Experiments;

namespace EvoPrune.Cluster.Kinds.Neat;

/// <summary>Settings of a NEAT run on the engine: the task and the NEAT parameters (the paper's by default).</summary>
public sealed record NeatRunSettings
{
    /// <summary>Tasks a config may name.</summary>
    public static IReadOnlyList<string> TaskNames { get; } = ["xor", "mux6", "mux11", "pole", "pole2", "pole2-nv", ClassificationTaskName];

    /// <summary>The task that classifies the examples of the run's <c>data:</c> section (its training split).</summary>
    public const string ClassificationTaskName = "classification";

    public string Task { get; init; } = "xor";

    public NeatSettings Neat { get; init; } = new();

    /// <summary>The dataset of the classification task (null for the control and logic tasks).</summary>
    public DataSpec? Data { get; init; }

    /// <summary>
    /// The task called <see cref="Task"/>. The classification task loads its data (once per process) from
    /// <paramref name="dataDirectories"/> and the default places, split with <paramref name="seed"/>.
    /// </summary>
    public INeatTask CreateTask(IReadOnlyList<string> dataDirectories, ulong seed) => Task switch
    {
        ClassificationTaskName => ClassificationOf(DataCache.Load(Data ?? throw new ArgumentException("the classification task needs a data: section naming its dataset."), seed, dataDirectories).Train),
        "xor" => new XorTask(),
        "mux6" => MultiplexerTask.Six,
        "mux11" => MultiplexerTask.Eleven,
        "pole" => new PoleBalancingTask(1, velocities: true),
        "pole2" => new PoleBalancingTask(2, velocities: true),
        "pole2-nv" => new GruauPoleBalancingTask(),
        _ => throw new ArgumentException($"unknown NEAT task '{Task}'. Known: {string.Join(", ", TaskNames)}."),
    };

    private static ClassificationTask ClassificationOf(LabeledData train) =>
        new(train.Features, train.Labels, train.FeatureCount, train.ClassCount);
}
