namespace EvoPrune.Learning.Models;

/// <summary>What a prunable layer weighs: its weight shape, weight count and multiply-accumulates per sample when dense.</summary>
/// <param name="LayerIndex">Index into <see cref="ArchitectureSpec.Layers"/>.</param>
/// <param name="Name">fc0, conv1, ... in order of the prunable layers.</param>
/// <param name="WeightShape">[out, in] for linear, [out, in, k, k] for conv.</param>
/// <param name="Weights">Number of weights (the mask length).</param>
/// <param name="DenseMacs">Multiply-accumulates per sample with every weight kept.</param>
/// <param name="FanIn">Inputs feeding one output unit (for initialisation).</param>
public sealed record PrunableLayerInfo(int LayerIndex, string Name, IReadOnlyList<int> WeightShape, long Weights, long DenseMacs, int FanIn)
{
    /// <summary>Multiply-accumulates per weight per sample (output positions for conv, 1 for linear).</summary>
    public long MacsPerWeight => DenseMacs / Weights;
}
