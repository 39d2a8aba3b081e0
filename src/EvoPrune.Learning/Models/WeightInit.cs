namespace EvoPrune.Learning.Models;

/// <summary>How initial weights are drawn (always uniform, always from the network's <c>RandomKey</c>).</summary>
public enum WeightInit
{
    /// <summary>
    /// He/Kaiming uniform: bound = gain·√(3 / fan-in), with the gain of the layer's activation (√2 for ReLU-like,
    /// 5/3 for tanh, 1 otherwise and for the output layer); biases start at zero.
    /// </summary>
    Kaiming,

    /// <summary>PyTorch's nn.Linear/Conv2d default: weights and biases uniform in ±1/√fan-in.</summary>
    PyTorch,
}
