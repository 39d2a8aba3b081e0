using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Cluster.Kinds.Neat;

/// <summary>Settings of a NEAT run on the engine: the task and the NEAT parameters (the paper's by default).</summary>
public sealed record NeatRunSettings
{
    /// <summary>Tasks a config may name.</summary>
    public static IReadOnlyList<string> TaskNames { get; } = ["xor", "mux6", "mux11", "pole", "pole2", "pole2-nv"];

    public string Task { get; init; } = "xor";

    public NeatSettings Neat { get; init; } = new();

    /// <summary>The task called <see cref="Task"/>.</summary>
    public INeatTask CreateTask() => Task switch
    {
        "xor" => new XorTask(),
        "mux6" => MultiplexerTask.Six,
        "mux11" => MultiplexerTask.Eleven,
        "pole" => new PoleBalancingTask(1, velocities: true),
        "pole2" => new PoleBalancingTask(2, velocities: true),
        "pole2-nv" => new GruauPoleBalancingTask(),
        _ => throw new ArgumentException($"unknown NEAT task '{Task}'. Known: {string.Join(", ", TaskNames)}."),
    };
}
