using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Training;

/// <summary>
/// SGD (with momentum) and Adam, step for step the arithmetic of TorchSharp's <c>optim.SGD</c> and <c>optim.Adam</c>, but
/// safe when several trainings run at once in one process. TorchSharp's optimisers pass each hyper-parameter to libtorch
/// as a temporary <see cref="Scalar"/> (<c>param.add_(grad, alpha: -lr)</c>): once its handle is read the Scalar is
/// garbage, and a collection triggered meanwhile by another worker's allocations lets the finalizer thread free the native
/// <c>c10::Scalar</c> while libtorch still reads it, which libtorch reports as "Expected false to be true … toFloat at
/// Scalar.h:140" (a Scalar whose type tag is garbage). Here every Scalar is a field of the optimiser or a <c>using</c>
/// local, alive until the step returns.
/// </summary>
public abstract class ParameterOptimizer : IDisposable
{
    private readonly Parameter[] _parameters;
    private bool _disposed;

    protected ParameterOptimizer(IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = parameters.ToArray();
    }

    /// <summary>The parameters this optimiser updates, in the order <see cref="Update"/> indexes them.</summary>
    protected IReadOnlyList<Parameter> Parameters => _parameters;

    /// <summary>The optimiser <paramref name="options"/> names, over <paramref name="parameters"/>.</summary>
    public static ParameterOptimizer Create(TrainerOptions options, IEnumerable<Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Optimizer switch
        {
            OptimizerKind.Adam => new AdamOptimizer(parameters, options.LearningRate, options.WeightDecay),
            _ => new SgdOptimizer(parameters, options.LearningRate, options.Momentum, options.WeightDecay),
        };
    }

    /// <summary>Zeroes every parameter's gradient (kept allocated, as TorchSharp's optimisers do).</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            using var grad = parameter.grad;
            grad?.zero_();
        }
    }

    /// <summary>One update of every parameter that has a gradient, without autograd and in its own dispose scope.</summary>
    public void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using (no_grad())
        using (NewDisposeScope())
        {
            BeginStep();
            for (var i = 0; i < _parameters.Length; i++)
            {
                if (_parameters[i].grad is { } grad)
                {
                    Update(i, _parameters[i], grad);
                }
            }
        }

        // The Scalars are fields of the subclass: they must outlive every native call above.
        GC.KeepAlive(this);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            Dispose(true);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Called once per step before the parameters are updated (Adam counts its steps here).</summary>
    protected virtual void BeginStep()
    {
    }

    /// <summary>Updates parameter <paramref name="index"/> from its gradient; runs under no_grad in a dispose scope.</summary>
    protected abstract void Update(int index, Parameter parameter, Tensor grad);

    /// <summary>Frees the optimiser's state tensors and Scalars.</summary>
    protected abstract void Dispose(bool disposing);
}
