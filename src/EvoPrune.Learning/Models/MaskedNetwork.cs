using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Models;

/// <summary>
/// A feed-forward network built from an <see cref="ArchitectureSpec"/> whose linear and conv weights carry a
/// keep mask (1 = kept, 0 = pruned) and whose hidden layers each use a named activation function.
/// Pruned weights are zeroed at construction and their gradients after each backward pass, so SGD (momentum, weight
/// decay) and Adam leave them exactly zero; when masks change during training (optimiser state of a newly pruned
/// weight is not zero) the trainer also re-zeroes weights after each step (<see cref="ApplyMasks"/>).
/// </summary>
public sealed class MaskedNetwork : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> _layers = new();
    private readonly List<(Parameter Weight, Parameter Bias, PrunableLayerInfo Info)> _prunable = [];
    private readonly List<Tensor> _masks = [];
    private readonly InputShape _input;
    private readonly bool _convolutional;

    /// <summary>
    /// Builds the network on <paramref name="device"/>. Initial weights come from <paramref name="initKey"/> (PyTorch's
    /// default: uniform in ±1/sqrt(fan-in)), drawn in C# so they are identical on every device and silo.
    /// </summary>
    /// <param name="spec">The architecture.</param>
    /// <param name="activations">One activation name per hidden prunable layer (all but the output layer), or one name for all.</param>
    /// <param name="masks">One keep mask per prunable layer, or null for a dense network.</param>
    /// <param name="initKey">Key of the initialisation streams.</param>
    /// <param name="device">Where the parameters live.</param>
    /// <param name="init">How initial weights are drawn.</param>
    public MaskedNetwork(ArchitectureSpec spec, IReadOnlyList<string> activations, IReadOnlyList<bool[]>? masks, RandomKey initKey, Device device, WeightInit init = WeightInit.Kaiming)
        : base("masked_network")
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(activations);
        Spec = spec;
        Layers = spec.Describe();
        _input = spec.Input;
        _convolutional = spec.Layers[0].Kind == LayerKind.Conv;
        Activations = ExpandActivations(activations, Layers.Count - 1);
        Device = device;

        var c = spec.Input.Channels;
        var prunableIndex = 0;
        var flattened = false;
        foreach (var layer in spec.Layers)
        {
            switch (layer.Kind)
            {
                case LayerKind.Conv:
                    var conv = nn.Conv2d(c, layer.Units, layer.Kernel, padding: layer.Padding);
                    _layers.Add(conv);
                    _prunable.Add((conv.weight!, conv.bias!, Layers[prunableIndex]));
                    AddActivation(prunableIndex++);
                    c = layer.Units;
                    break;
                case LayerKind.MaxPool:
                    _layers.Add(nn.MaxPool2d(2));
                    break;
                default:
                    if (_convolutional && !flattened)
                    {
                        _layers.Add(nn.Flatten());
                        flattened = true;
                    }

                    var inFeatures = (int)Layers[prunableIndex].WeightShape[1];
                    var linear = nn.Linear(inFeatures, layer.Units);
                    _layers.Add(linear);
                    _prunable.Add((linear.weight!, linear.bias!, Layers[prunableIndex]));
                    AddActivation(prunableIndex++);
                    break;
            }
        }

        RegisterComponents();
        InitialiseWeights(initKey, init);
        this.to(device);
        SetMasks(masks);
    }

    /// <summary>The architecture this network was built from.</summary>
    public ArchitectureSpec Spec { get; }

    /// <summary>The prunable layers in order (fc0, conv1, ...), one mask each.</summary>
    public IReadOnlyList<PrunableLayerInfo> Layers { get; }

    /// <summary>The activation of each hidden prunable layer.</summary>
    public IReadOnlyList<string> Activations { get; }

    /// <summary>The device the parameters live on.</summary>
    public Device Device { get; }

    /// <summary>The weight tensors of the prunable layers, in order.</summary>
    public IReadOnlyList<Parameter> PrunableWeights => _prunable.Select(p => p.Weight).ToArray();

    /// <summary>Weights kept by the masks, summed over the prunable layers.</summary>
    public long KeptWeights { get; private set; }

    /// <summary>All weights of the prunable layers.</summary>
    public long TotalWeights => Layers.Sum(l => l.Weights);

    /// <summary>Fraction of prunable weights that are pruned.</summary>
    public double Sparsity => 1.0 - ((double)KeptWeights / TotalWeights);

    /// <summary>Multiply-accumulates per sample of the kept weights.</summary>
    public long KeptMacs { get; private set; }

    /// <summary>Multiply-accumulates per sample of the dense network.</summary>
    public long DenseMacs => Layers.Sum(l => l.DenseMacs);

    /// <summary>Counts <see cref="SetMasks"/> calls, so a training loop can tell whether masks changed while it ran.</summary>
    public int MaskVersion { get; private set; }

    /// <summary>Replaces the masks (null: keep everything) and zeroes the pruned weights.</summary>
    public void SetMasks(IReadOnlyList<bool[]>? masks)
    {
        MaskVersion++;
        if (masks != null && masks.Count != Layers.Count)
        {
            throw new ArgumentException($"Expected {Layers.Count} masks (one per prunable layer: {string.Join(", ", Layers.Select(l => l.Name))}), got {masks.Count}.", nameof(masks));
        }

        foreach (var old in _masks)
        {
            old.Dispose();
        }

        _masks.Clear();
        KeptWeights = 0;
        KeptMacs = 0;
        for (var i = 0; i < Layers.Count; i++)
        {
            var info = Layers[i];
            var keep = masks?[i];
            if (keep != null && keep.Length != info.Weights)
            {
                throw new ArgumentException($"Mask {i} ({info.Name}) has {keep.Length} entries; the layer has {info.Weights} weights.", nameof(masks));
            }

            var values = new float[info.Weights];
            long kept = 0;
            for (var j = 0; j < values.Length; j++)
            {
                if (keep == null || keep[j])
                {
                    values[j] = 1f;
                    kept++;
                }
            }

            _masks.Add(torch.tensor(values, info.WeightShape.Select(d => (long)d).ToArray(), device: Device));
            KeptWeights += kept;
            KeptMacs += kept * info.MacsPerWeight;
        }

        ApplyMasks();
    }

    /// <summary>Re-zeroes pruned weights; call after every optimiser step.</summary>
    public void ApplyMasks()
    {
        using var noGrad = torch.no_grad();
        for (var i = 0; i < _prunable.Count; i++)
        {
            _prunable[i].Weight.mul_(_masks[i]);
        }
    }

    /// <summary>Zeroes the gradients of pruned weights, so optimiser state never accumulates for them.</summary>
    public void MaskGradients()
    {
        using var noGrad = torch.no_grad();
        for (var i = 0; i < _prunable.Count; i++)
        {
            _prunable[i].Weight.grad?.mul_(_masks[i]);
        }
    }

    /// <summary>The weights of prunable layer <paramref name="layer"/> copied to the host, row-major.</summary>
    public float[] GetWeights(int layer)
    {
        using var cpu = _prunable[layer].Weight.detach().cpu();
        return cpu.data<float>().ToArray();
    }

    /// <summary>The biases of prunable layer <paramref name="layer"/> copied to the host.</summary>
    public float[] GetBias(int layer)
    {
        using var cpu = _prunable[layer].Bias.detach().cpu();
        return cpu.data<float>().ToArray();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = _convolutional
            ? input.view(-1, _input.Channels, _input.Height, _input.Width)
            : input.view(-1, _input.Size);
        foreach (var layer in _layers)
        {
            x = layer.call(x);
        }

        return x;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var mask in _masks)
            {
                mask.Dispose();
            }

            _masks.Clear();
        }

        base.Dispose(disposing);
    }

    private static string[] ExpandActivations(IReadOnlyList<string> activations, int hiddenLayers)
    {
        if (activations.Count == 1)
        {
            return Enumerable.Repeat(activations[0], hiddenLayers).ToArray();
        }

        if (activations.Count != hiddenLayers)
        {
            throw new ArgumentException($"Expected one activation for all hidden layers or one per hidden layer ({hiddenLayers}); got {activations.Count}.", nameof(activations));
        }

        return activations.ToArray();
    }

    private void AddActivation(int prunableIndex)
    {
        if (prunableIndex < Layers.Count - 1)
        {
            _layers.Add(new ActivationModule(Activations[prunableIndex]));
        }
    }

    /// <summary>
    /// The initial weights (row-major in each layer's <see cref="PrunableLayerInfo.WeightShape"/>) and biases that a
    /// network of <paramref name="spec"/> built with <paramref name="initKey"/> starts from, before masking; shared with
    /// the population-batched trainer so both paths start from the same numbers.
    /// </summary>
    public static IReadOnlyList<(float[] Weight, float[] Bias)> InitialParameters(ArchitectureSpec spec, IReadOnlyList<string> activations, RandomKey initKey, WeightInit init = WeightInit.Kaiming)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(activations);
        var layers = spec.Describe();
        var expanded = ExpandActivations(activations, layers.Count - 1);
        var result = new List<(float[], float[])>(layers.Count);
        for (var i = 0; i < layers.Count; i++)
        {
            var info = layers[i];
            var pytorchBound = 1.0 / Math.Sqrt(info.FanIn);
            var gain = i < expanded.Length ? Gain(expanded[i]) : 1.0;
            var weightBound = init == WeightInit.PyTorch ? pytorchBound : gain * Math.Sqrt(3.0 / info.FanIn);
            var biasBound = init == WeightInit.PyTorch ? pytorchBound : 0.0;
            var weight = Uniform(info.Weights, weightBound, RandomSources.For(initKey.WithPurpose($"{initKey.Purpose}/weight{i}")));
            var bias = Uniform(info.WeightShape[0], biasBound, RandomSources.For(initKey.WithPurpose($"{initKey.Purpose}/bias{i}")));
            result.Add((weight, bias));
        }

        return result;
    }

    private void InitialiseWeights(RandomKey key, WeightInit init)
    {
        using var noGrad = torch.no_grad();
        var values = InitialParameters(Spec, Activations, key, init);
        for (var i = 0; i < _prunable.Count; i++)
        {
            var (weight, bias, _) = _prunable[i];
            using var w = torch.tensor(values[i].Weight, weight.shape);
            weight.copy_(w);
            using var b = torch.tensor(values[i].Bias, bias.shape);
            bias.copy_(b);
        }
    }

    // Gains as in torch.nn.init.calculate_gain, extended to the ReLU family's smooth relatives.
    private static double Gain(string activation) => activation.ToLowerInvariant() switch
    {
        "relu" or "leaky_relu" or "elu" or "gelu" or "silu" or "hardswish" or "mish" or "softplus" => Math.Sqrt(2.0),
        "tanh" => 5.0 / 3.0,
        _ => 1.0,
    };

    private static float[] Uniform(long count, double bound, IRandomSource random)
    {
        var values = new float[count];
        for (var j = 0; j < values.Length; j++)
        {
            values[j] = (float)(((2.0 * random.NextDouble()) - 1.0) * bound);
        }

        return values;
    }
}
