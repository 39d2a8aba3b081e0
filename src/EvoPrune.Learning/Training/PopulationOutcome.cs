namespace EvoPrune.Learning.Training;

/// <summary>One member's result of population-batched training: its report, or why it failed (diverged).</summary>
/// <param name="Report">The member's training report (null if it failed).</param>
/// <param name="Failure">The divergence message, as <see cref="TrainingDivergedException"/> would carry it (null on success).</param>
public sealed record PopulationOutcome(TrainingReport? Report, string? Failure);
