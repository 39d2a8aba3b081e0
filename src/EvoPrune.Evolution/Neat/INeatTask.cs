using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// A problem NEAT evolves networks for. <see cref="Evaluate"/> must be deterministic and, where
/// <see cref="NeatSettings.EvaluationParallelism"/> is above 1, thread-safe (each call gets its own network). The
/// network belongs to the call: the algorithm recompiles the same instance for the thread's next evaluation, so a
/// task must not keep it.
/// </summary>
public interface INeatTask
{
    /// <summary>Inputs per activation, not counting the bias.</summary>
    int InputCount { get; }

    /// <summary>Outputs per activation.</summary>
    int OutputCount { get; }

    /// <summary>Scores one freshly built network.</summary>
    NeatEvaluation Evaluate(INeatNetwork network);
}
