using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Training;

/// <summary>
/// Stochastic gradient descent with momentum (no dampening) and L2 weight decay: g ← grad + wd·θ; b ← m·b + g (b = g on
/// the first step); θ ← θ − lr·b. Same operations in the same order as TorchSharp's <c>optim.SGD</c>, so results are
/// bit-identical; its Scalars live as long as the optimiser (see <see cref="ParameterOptimizer"/>).
/// </summary>
public sealed class SgdOptimizer : ParameterOptimizer
{
    private readonly Scalar _negativeLearningRate;
    private readonly Scalar _momentum;
    private readonly Scalar _one;
    private readonly Scalar _weightDecay;
    private readonly bool _hasMomentum;
    private readonly bool _hasWeightDecay;
    private readonly Tensor?[] _buffers;

    public SgdOptimizer(IEnumerable<Parameter> parameters, double learningRate, double momentum = 0, double weightDecay = 0)
        : base(parameters)
    {
        _hasMomentum = momentum != 0;
        _hasWeightDecay = weightDecay != 0;
        _negativeLearningRate = (-learningRate).ToScalar();
        _momentum = momentum.ToScalar();
        _one = 1.0.ToScalar();
        _weightDecay = weightDecay.ToScalar();
        _buffers = new Tensor?[Parameters.Count];
    }

    protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        if (_hasWeightDecay)
        {
            grad = grad.add(parameter, _weightDecay);
        }

        if (_hasMomentum)
        {
            if (_buffers[index] is { } buffer)
            {
                buffer.mul_(_momentum).add_(grad, _one);
            }
            else
            {
                _buffers[index] = buffer = grad.clone().detach().DetachFromDisposeScope();
            }

            grad = buffer;
        }

        parameter.add_(grad, _negativeLearningRate);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        foreach (var buffer in _buffers)
        {
            buffer?.Dispose();
        }

        _negativeLearningRate.Dispose();
        _momentum.Dispose();
        _one.Dispose();
        _weightDecay.Dispose();
    }
}
