namespace EvoPrune.Learning.Pruning;

/// <summary>
/// A K-starts run: the trained winner, every start's scores and fitness, which start won, and (with
/// <see cref="KStartsOptions.TrainEveryStart"/>) every start's test accuracy after training to the full budget.
/// </summary>
public sealed record KStartsOutcome(PruningOutcome Winner, IReadOnlyList<MaskScore> Scores, IReadOnlyList<double> Fitness, int WinnerIndex)
{
    /// <summary>Test accuracy of every start trained to the end (in start order, the winner's included); null without the control.</summary>
    public IReadOnlyList<double>? StartTestAccuracies { get; init; }

    /// <summary>Mean test accuracy of the k starts: random pruning's expected accuracy at this budget (NaN without the control).</summary>
    public double StartsMeanTestAccuracy => StartTestAccuracies is { Count: > 0 } a ? a.Average() : double.NaN;

    /// <summary>The winner's test accuracy minus <see cref="StartsMeanTestAccuracy"/>: what the selection bought (NaN without the control).</summary>
    public double SelectionGain => (Winner.Report.TopOneAccuracy ?? double.NaN) - StartsMeanTestAccuracy;
}
