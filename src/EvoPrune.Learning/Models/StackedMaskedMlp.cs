using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Models;

/// <summary>
/// P masked copies of one all-linear architecture held as stacked tensors: layer l's weights are [P, in, out], its
/// biases [P, 1, out] and its keep masks [P, in, out], so one batched matrix product (baddbmm) runs a layer for the
/// whole population. Member p starts from exactly the weights a <see cref="MaskedNetwork"/> built with its init key
/// starts from, and its masks are kept the same way (gradients and weights multiplied by the mask around every step),
/// so training the stack equals training each member alone.
/// </summary>
public sealed class StackedMaskedMlp : IDisposable
{
    private readonly List<Parameter> _weights = [];
    private readonly List<Parameter> _biases = [];
    private readonly List<Tensor> _masks = [];
    private readonly Func<Tensor, Tensor>[] _activations;

    /// <param name="spec">An architecture of linear layers only.</param>
    /// <param name="activations">One activation for all hidden layers or one per hidden layer.</param>
    /// <param name="masks">Per member: one keep mask per layer, or null for a dense member.</param>
    /// <param name="initKeys">Per member: the key its initial weights come from.</param>
    /// <param name="device">Where the stacks live.</param>
    /// <param name="init">How initial weights are drawn.</param>
    public StackedMaskedMlp(ArchitectureSpec spec, IReadOnlyList<string> activations, IReadOnlyList<IReadOnlyList<bool[]>?> masks, IReadOnlyList<RandomKey> initKeys, Device device, WeightInit init = WeightInit.Kaiming)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(masks);
        ArgumentNullException.ThrowIfNull(initKeys);
        if (spec.Layers.Any(l => l.Kind != LayerKind.Linear))
        {
            throw new ArgumentException($"Architecture '{spec.Name}' has non-linear layers; population-batched training takes linear layers only.", nameof(spec));
        }

        if (masks.Count != initKeys.Count || masks.Count == 0)
        {
            throw new ArgumentException($"Expected one mask set per init key and at least one member (got {masks.Count} and {initKeys.Count}).", nameof(masks));
        }

        Spec = spec;
        Layers = spec.Describe();
        Population = masks.Count;
        Device = device;
        var hidden = Layers.Count - 1;
        _activations = Enumerable.Range(0, hidden).Select(i => ActivationRegistry.Get(activations.Count == 1 ? activations[0] : activations[i])).ToArray();

        // Members that share an init key (every member of a sparse-mask run) share one draw.
        var drawn = new Dictionary<RandomKey, IReadOnlyList<(float[] Weight, float[] Bias)>>();
        var initial = initKeys.Select(k => drawn.TryGetValue(k, out var v) ? v : drawn[k] = MaskedNetwork.InitialParameters(spec, activations, k, init)).ToArray();
        var kept = new long[Population];
        using var noGrad = torch.no_grad();
        for (var l = 0; l < Layers.Count; l++)
        {
            var (outFeatures, inFeatures) = (Layers[l].WeightShape[0], Layers[l].WeightShape[1]);
            var size = (long)outFeatures * inFeatures;
            var w = new float[Population * size];
            var b = new float[Population * outFeatures];
            var m = new float[Population * size];
            for (var p = 0; p < Population; p++)
            {
                var keep = masks[p]?[l];
                if (keep != null && keep.Length != size)
                {
                    throw new ArgumentException($"Member {p}: mask {l} ({Layers[l].Name}) has {keep.Length} entries; the layer has {size} weights.", nameof(masks));
                }

                Array.Copy(initial[p][l].Weight, 0, w, p * size, size);
                Array.Copy(initial[p][l].Bias, 0, b, p * outFeatures, outFeatures);
                for (var j = 0; j < size; j++)
                {
                    if (keep == null || keep[j])
                    {
                        m[(p * size) + j] = 1f;
                        kept[p]++;
                    }
                }
            }

            // Host arrays are [P, out, in] (MaskedNetwork's layout); the stacks are [P, in, out] so x[P,B,in] @ W gives [P,B,out].
            using var wHost = torch.tensor(w, [Population, outFeatures, inFeatures]);
            using var mHost = torch.tensor(m, [Population, outFeatures, inFeatures]);
            using var bHost = torch.tensor(b, [Population, 1, outFeatures]);
            var mask = mHost.transpose(1, 2).contiguous().to(device);
            _masks.Add(mask);
            _weights.Add(new Parameter(wHost.transpose(1, 2).contiguous().to(device).mul_(mask), requires_grad: true));
            _biases.Add(new Parameter(bHost.to(device), requires_grad: true));
        }

        // Every weight of a linear layer is one multiply-accumulate per sample.
        KeptWeights = kept;
        KeptMacs = kept;
    }

    public ArchitectureSpec Spec { get; }

    /// <summary>The prunable layers in order (fc0, fc1, ...).</summary>
    public IReadOnlyList<PrunableLayerInfo> Layers { get; }

    /// <summary>The number of stacked members (P).</summary>
    public int Population { get; }

    public Device Device { get; }

    /// <summary>Weights kept by each member's masks.</summary>
    public IReadOnlyList<long> KeptWeights { get; }

    /// <summary>Multiply-accumulates per sample of each member's kept weights.</summary>
    public IReadOnlyList<long> KeptMacs { get; }

    public long TotalWeights => Layers.Sum(l => l.Weights);

    public long DenseMacs => Layers.Sum(l => l.DenseMacs);

    /// <summary>Every trainable tensor (weights then biases), for one optimiser over the whole population.</summary>
    public IEnumerable<Parameter> Parameters() => _weights.Concat(_biases);

    /// <summary>
    /// Logits [P, B, classes] for inputs shared by all members ([B, D]) or one batch per member ([P, B, D]).
    /// </summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var x = input.dim() == 2 ? input.unsqueeze(0).expand(Population, -1, -1) : input;
        for (var l = 0; l < _weights.Count; l++)
        {
            // TorchSharp's batch1.baddbmm(batch2, input) is input + batch1 @ batch2: bias + x @ W in one kernel.
            x = x.baddbmm(_weights[l], _biases[l]);
            if (l < _activations.Length)
            {
                x = _activations[l](x);
            }
        }

        return x;
    }

    /// <summary>Zeroes the gradients of pruned weights, so optimiser state never accumulates for them.</summary>
    public void MaskGradients()
    {
        using var noGrad = torch.no_grad();
        for (var l = 0; l < _weights.Count; l++)
        {
            _weights[l].grad?.mul_(_masks[l]);
        }
    }

    /// <summary>Re-zeroes pruned weights; call after every optimiser step.</summary>
    public void ApplyMasks()
    {
        using var noGrad = torch.no_grad();
        for (var l = 0; l < _weights.Count; l++)
        {
            _weights[l].mul_(_masks[l]);
        }
    }

    /// <summary>Member <paramref name="member"/>'s weights of layer <paramref name="layer"/> on the host, row-major [out, in] like <see cref="MaskedNetwork.GetWeights"/>.</summary>
    public float[] GetWeights(int member, int layer)
    {
        using var cpu = _weights[layer].detach()[member].t().contiguous().cpu();
        return cpu.data<float>().ToArray();
    }

    /// <summary>Member <paramref name="member"/>'s biases of layer <paramref name="layer"/> on the host.</summary>
    public float[] GetBiases(int member, int layer)
    {
        using var cpu = _biases[layer].detach()[member].reshape(-1).cpu();
        return cpu.data<float>().ToArray();
    }

    public void Dispose()
    {
        foreach (var t in _weights.Concat<Tensor>(_biases).Concat(_masks))
        {
            t.Dispose();
        }

        _weights.Clear();
        _biases.Clear();
        _masks.Clear();
    }
}
