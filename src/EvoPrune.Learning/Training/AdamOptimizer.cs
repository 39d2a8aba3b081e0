using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Training;

/// <summary>
/// Adam (β = 0.9, 0.999; ε = 1e-8) with L2 weight decay, the operations of TorchSharp's <c>optim.Adam</c> in the same order
/// (bit-identical results); its Scalars live as long as the optimiser or the step (see <see cref="ParameterOptimizer"/>).
/// </summary>
public sealed class AdamOptimizer : ParameterOptimizer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly double _learningRate;
    private readonly bool _hasWeightDecay;
    private readonly Scalar _weightDecay;
    private readonly Scalar _beta1;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private readonly Tensor[] _averages;
    private readonly Tensor[] _squareAverages;
    private long _step;
    private Scalar? _sqrtCorrection2;
    private Scalar? _negativeStepSize;

    public AdamOptimizer(IEnumerable<Parameter> parameters, double learningRate, double weightDecay = 0)
        : base(parameters)
    {
        _learningRate = learningRate;
        _hasWeightDecay = weightDecay != 0;
        _weightDecay = weightDecay.ToScalar();
        _beta1 = Beta1.ToScalar();
        _oneMinusBeta1 = (1 - Beta1).ToScalar();
        _beta2 = Beta2.ToScalar();
        _oneMinusBeta2 = (1 - Beta2).ToScalar();
        _epsilon = Epsilon.ToScalar();
        _averages = Parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _squareAverages = Parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    protected override void BeginStep()
    {
        // Every parameter takes its first step together here, so one step count serves them all.
        _step++;
        _sqrtCorrection2?.Dispose();
        _negativeStepSize?.Dispose();
        _sqrtCorrection2 = Math.Sqrt(1 - Math.Pow(Beta2, _step)).ToScalar();
        _negativeStepSize = (-(_learningRate / (1 - Math.Pow(Beta1, _step)))).ToScalar();
    }

    protected override void Update(int index, Parameter parameter, Tensor grad)
    {
        if (_hasWeightDecay)
        {
            grad = grad.add(parameter, _weightDecay);
        }

        _averages[index].mul_(_beta1).add_(grad, _oneMinusBeta1);
        _squareAverages[index].mul_(_beta2).addcmul_(grad, grad.conj(), _oneMinusBeta2);
        var denominator = _squareAverages[index].sqrt().div(_sqrtCorrection2!).add_(_epsilon, Native.LiveScalars.IntOne);
        parameter.addcdiv_(_averages[index], denominator, _negativeStepSize!);
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        foreach (var tensor in _averages.Concat(_squareAverages))
        {
            tensor.Dispose();
        }

        foreach (var scalar in new[] { _weightDecay, _beta1, _oneMinusBeta1, _beta2, _oneMinusBeta2, _epsilon, _sqrtCorrection2, _negativeStepSize })
        {
            scalar?.Dispose();
        }
    }
}
