namespace EvoPrune.Learning.Training;

/// <summary>The optimisers a <see cref="Trainer"/> can use.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with (optional) momentum.</summary>
    Sgd,

    /// <summary>Adam (Kingma and Ba 2015).</summary>
    Adam,
}
