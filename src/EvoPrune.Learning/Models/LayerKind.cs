namespace EvoPrune.Learning.Models;

/// <summary>The building blocks an <see cref="ArchitectureSpec"/> is made of.</summary>
public enum LayerKind
{
    /// <summary>Fully connected; prunable; followed by the layer's activation unless it is the output layer.</summary>
    Linear,

    /// <summary>2-D convolution with a square kernel and stride 1; prunable; followed by the layer's activation.</summary>
    Conv,

    /// <summary>2x2 max pooling with stride 2.</summary>
    MaxPool,
}
