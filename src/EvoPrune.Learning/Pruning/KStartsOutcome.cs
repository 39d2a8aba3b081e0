namespace EvoPrune.Learning.Pruning;

/// <summary>A K-starts run: the trained winner, every start's scores and fitness, and which start won.</summary>
public sealed record KStartsOutcome(PruningOutcome Winner, IReadOnlyList<MaskScore> Scores, IReadOnlyList<double> Fitness, int WinnerIndex);
