using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// A problem NEAT evolves networks for. <see cref="Evaluate"/> must be deterministic and, where
/// <see cref="NeatSettings.EvaluationParallelism"/> is above 1, thread-safe (each call gets its own network).
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
