using EvoPrune.Evolution.Neat.Phenotypes;

namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// Classification of a table of examples: one network input per feature, one output per class, the predicted class
/// the output with the largest activation. Fitness is 1 − the mean squared error between the outputs (steepened
/// sigmoids in [0, 1]) and the one-hot target, which is smooth where accuracy is a step function; accuracy is
/// measured beside it. A network counts as solved when it classifies every example correctly.
/// Evaluation reads the examples only, so one task may be shared by concurrent evaluations.
/// </summary>
public sealed class ClassificationTask : INeatTask
{
    private readonly float[] _features;
    private readonly int[] _labels;

    /// <summary>A task over <paramref name="labels"/>.Length examples of <paramref name="featureCount"/> features each (row-major).</summary>
    public ClassificationTask(float[] features, int[] labels, int featureCount, int classCount)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        if (labels.Length == 0 || features.Length != labels.Length * featureCount)
        {
            throw new ArgumentException($"{labels.Length} labels need {labels.Length * featureCount} feature values; got {features.Length}.", nameof(features));
        }

        if (labels.Any(l => l < 0 || l >= classCount))
        {
            throw new ArgumentException($"Labels must lie in 0..{classCount - 1}.", nameof(labels));
        }

        _features = features;
        _labels = labels;
        InputCount = featureCount;
        OutputCount = classCount;
    }

    /// <inheritdoc />
    public int InputCount { get; }

    /// <inheritdoc />
    public int OutputCount { get; }

    /// <summary>Examples in the task.</summary>
    public int Count => _labels.Length;

    /// <inheritdoc />
    public NeatEvaluation Evaluate(INeatNetwork network)
    {
        var (fitness, accuracy) = Measure(network);
        return new NeatEvaluation(fitness, accuracy >= 1.0);
    }

    /// <summary>Fitness (1 − mean squared error against one-hot targets) and accuracy of <paramref name="network"/>.</summary>
    public (double Fitness, double Accuracy) Measure(INeatNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (network is FeedForwardNetwork feedForward)
        {
            return MeasureBatch(feedForward);
        }

        Span<double> inputs = InputCount <= 256 ? stackalloc double[InputCount] : new double[InputCount];
        Span<double> outputs = OutputCount <= 256 ? stackalloc double[OutputCount] : new double[OutputCount];
        var squaredError = 0.0;
        var correct = 0;
        for (var i = 0; i < _labels.Length; i++)
        {
            for (var f = 0; f < InputCount; f++)
            {
                inputs[f] = _features[(i * InputCount) + f];
            }

            network.Reset();
            network.Activate(inputs, outputs);
            var predicted = 0;
            for (var k = 0; k < OutputCount; k++)
            {
                var target = k == _labels[i] ? 1.0 : 0.0;
                squaredError += (outputs[k] - target) * (outputs[k] - target);
                if (outputs[k] > outputs[predicted])
                {
                    predicted = k;
                }
            }

            if (predicted == _labels[i])
            {
                correct++;
            }
        }

        return (1.0 - (squaredError / (_labels.Length * OutputCount)), correct / (double)_labels.Length);
    }

    // The whole table in one batched pass (same numbers as row by row, see FeedForwardNetwork.ActivateBatch).
    private (double Fitness, double Accuracy) MeasureBatch(FeedForwardNetwork network)
    {
        var n = _labels.Length;
        var inputs = new double[n * InputCount];
        for (var i = 0; i < inputs.Length; i++)
        {
            inputs[i] = _features[i];
        }

        var outputs = new double[n * OutputCount];
        double[]? scratch = null;
        network.ActivateBatch(inputs, outputs, n, ref scratch);
        var squaredError = 0.0;
        var correct = 0;
        for (var i = 0; i < n; i++)
        {
            var row = outputs.AsSpan(i * OutputCount, OutputCount);
            var predicted = 0;
            for (var k = 0; k < OutputCount; k++)
            {
                var target = k == _labels[i] ? 1.0 : 0.0;
                squaredError += (row[k] - target) * (row[k] - target);
                if (row[k] > row[predicted])
                {
                    predicted = k;
                }
            }

            if (predicted == _labels[i])
            {
                correct++;
            }
        }

        return (1.0 - (squaredError / (n * OutputCount)), correct / (double)n);
    }
}
