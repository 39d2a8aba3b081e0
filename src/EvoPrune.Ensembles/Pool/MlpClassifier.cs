using EvoPrune.Data;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Native;
using EvoPrune.Learning.Training;
using TorchSharp;

namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// A dense TorchSharp multilayer perceptron (EvoPrune.Learning's <see cref="MaskedNetwork"/> without masks) trained
/// with Adam on the CPU. Initial weights come from RandomKey(seed, -1, -1, "mlp-init"), minibatch order from
/// "mlp-shuffle", so a seed fixes the model. Probabilities are the softmax of the logits.
/// </summary>
public sealed class MlpClassifier : IBaseClassifier, IDisposable
{
    private readonly int[] _hidden;
    private MaskedNetwork? _network;

    /// <summary>Creates an MLP with the given hidden widths, trained for <paramref name="epochs"/> epochs.</summary>
    public MlpClassifier(IReadOnlyList<int> hidden, int epochs = 60, double learningRate = 0.01, string activation = "relu")
    {
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        _hidden = [.. hidden];
        Epochs = epochs;
        LearningRate = learningRate;
        Activation = activation;
    }

    public int Epochs { get; }

    public double LearningRate { get; }

    public string Activation { get; }

    /// <summary>The trained network (null before <see cref="Fit"/>), for export.</summary>
    public MaskedNetwork? Network => _network;

    /// <inheritdoc />
    public string Name => $"mlp{string.Join('x', _hidden)}-{Activation}";

    /// <inheritdoc />
    public void Fit(LabeledData train, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        TorchRuntime.EnsureLoaded();
        _network?.Dispose();
        var spec = Architectures.Create("mlp", InputShape.Flat(train.FeatureCount), train.ClassCount, _hidden);
        _network = new MaskedNetwork(spec, [Activation], null, new RandomKey(seed, -1, -1, "mlp-init"), torch.CPU);
        var options = new TrainerOptions
        {
            Optimizer = OptimizerKind.Adam, LearningRate = LearningRate, Epochs = Epochs, BatchSize = 32, WeightDecay = 1e-4,
        };
        using var data = DeviceData.From(train, torch.CPU);
        new Trainer(options).Train(_network, data, null, null, new RandomKey(seed, -1, -1, "mlp-shuffle"));
    }

    /// <inheritdoc />
    public float[] PredictProbabilities(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var network = _network ?? throw new InvalidOperationException("Fit must be called before predicting.");
        network.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(data.Features, [data.Count, data.FeatureCount]);
        var probabilities = torch.nn.functional.softmax(network.call(x), 1);
        return probabilities.data<float>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose() => _network?.Dispose();
}
