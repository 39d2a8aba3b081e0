namespace EvoPrune.Bench;

/// <summary>One measured figure of the suite: which item, what was measured, its median over repeats, and the target if the issue sets one.</summary>
/// <param name="Item">The suite item (1-8) the row belongs to.</param>
/// <param name="Group">The item's name.</param>
/// <param name="Measure">What was measured, with its size (P, density, population...).</param>
/// <param name="Value">The median over repeats.</param>
/// <param name="Unit">samples/s, s, x, %, MB, ...</param>
/// <param name="Repeats">How many repeats the median is over.</param>
/// <param name="Target">The target as text (e.g. "&gt;= 0.9"), or null where none is set.</param>
/// <param name="Met">Whether the target was met (null without a target).</param>
/// <param name="Note">A remark printed beside the row.</param>
internal sealed record BenchRow(int Item, string Group, string Measure, double Value, string Unit, int Repeats, string? Target = null, bool? Met = null, string? Note = null);
