using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// SNIP (Lee, Ajanthan and Torr, ICLR 2019): at initialisation, score every weight by its connection sensitivity
/// |∂L/∂w ⊙ w| (equal to |∂L/∂c| at an all-ones mask c) on a few minibatches drawn from the "snip" stream, keep the
/// top-κ (globally by default), then train the sparse network for the context's epochs. Biases are not pruned here
/// (the official code masks them too; ShrinkBench and LTH do not).
/// </summary>
public sealed class SnipPruning : IPruningMethod
{
    private readonly SnipOptions _options;

    public SnipPruning(SnipOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Batches, 1);
        _options = options;
    }

    /// <inheritdoc />
    public string Name => _options.Target.Scope == PruningScope.Global ? "snip" : "snip-layer";

    /// <inheritdoc />
    public double TargetSparsity => _options.Target.Sparsity;

    /// <summary>
    /// |g ⊙ w| for every prunable weight, g being the gradient of the mean cross-entropy on
    /// (<paramref name="features"/>, <paramref name="labels"/>). Leaves the network's gradients zeroed.
    /// </summary>
    public static float[][] Sensitivities(MaskedNetwork network, Tensor features, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        network.zero_grad();
        using (var scope = NewDisposeScope())
        {
            nn.functional.cross_entropy(network.call(features), labels).backward();
        }

        return Saliency(network);
    }

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var network = context.CreateNetwork(null);
        network.zero_grad();
        var order = Enumerable.Range(0, context.Train.Count).Select(i => (long)i).ToArray();
        RandomSources.For(context.KeyFor("snip")).Shuffle(order);
        for (var b = 0; b < _options.Batches; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var taken = order.Skip(b * _options.BatchSize).Take(_options.BatchSize).ToArray();
            if (taken.Length == 0)
            {
                break;
            }

            var index = tensor(taken, device: network.Device);

            // Summed gradients of per-batch means: the sensitivity of the mean loss over all sampled batches, up to scale.
            nn.functional.cross_entropy(network.call(context.Train.Features.index_select(0, index)), context.Train.Labels.index_select(0, index)).backward();
        }

        var masks = TopKSelection.Select(Saliency(network), _options.Target);
        network.SetMasks(masks);
        var steps = PruningTrainer.Train(network, context.Train, context.Training, context.Training.Epochs, context.KeyFor("shuffle"), cancellationToken: cancellationToken);
        return PruningOutcome.From(Name, context, _options.Target.Sparsity, masks, network, steps);
    }

    private static float[][] Saliency(MaskedNetwork network)
    {
        var gradients = Scores.Gradients(network);
        var scores = new float[gradients.Length][];
        for (var l = 0; l < gradients.Length; l++)
        {
            var weights = network.GetWeights(l);
            scores[l] = new float[weights.Length];
            for (var j = 0; j < weights.Length; j++)
            {
                scores[l][j] = MathF.Abs(gradients[l][j] * weights[j]);
            }
        }

        network.zero_grad();
        return scores;
    }
}
