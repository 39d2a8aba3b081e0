namespace EvoPrune.Evolution.Neat;

/// <summary>
/// What a task says about one network: its fitness (non-negative; fitness sharing treats negative values as 0)
/// and whether it meets the task's own success test, which stops the run.
/// </summary>
/// <param name="Fitness">The fitness; larger is better.</param>
/// <param name="Solved">Whether the network solves the task.</param>
public readonly record struct NeatEvaluation(double Fitness, bool Solved);
