using EvoPrune.Learning.Models;
using TorchSharp;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// A host copy of every parameter of a network (weights and biases, in <c>parameters()</c> order), for rewinding
/// (IMP resets survivors to θ0 or θk) and for measuring drift from the initial values. Restoring copies the values
/// back bit for bit and then re-applies the network's current masks.
/// </summary>
public sealed class WeightSnapshot
{
    private readonly float[][] _values;

    private WeightSnapshot(float[][] values) => _values = values;

    /// <summary>Every parameter's values, row-major, in the network's <c>parameters()</c> order.</summary>
    public IReadOnlyList<float[]> Parameters => _values;

    /// <summary>Copies every parameter of <paramref name="network"/> to the host.</summary>
    public static WeightSnapshot Capture(MaskedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var values = new List<float[]>();
        foreach (var parameter in network.parameters())
        {
            using var cpu = parameter.detach().cpu();
            values.Add(cpu.data<float>().ToArray());
        }

        return new WeightSnapshot([.. values]);
    }

    /// <summary>Writes the captured values back into <paramref name="network"/>, then zeroes its pruned weights.</summary>
    public void Restore(MaskedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        using (torch.no_grad())
        {
            var i = 0;
            foreach (var parameter in network.parameters())
            {
                using var source = torch.tensor(_values[i++], parameter.shape);
                parameter.copy_(source);
            }
        }

        network.ApplyMasks();
    }

    /// <summary>The captured weights of prunable layer <paramref name="layer"/> of <paramref name="network"/>.</summary>
    public float[] LayerWeights(MaskedNetwork network, int layer)
    {
        ArgumentNullException.ThrowIfNull(network);
        var target = network.PrunableWeights[layer];
        var i = 0;
        foreach (var parameter in network.parameters())
        {
            if (ReferenceEquals(parameter, target) || parameter.Handle == target.Handle)
            {
                return _values[i];
            }

            i++;
        }

        throw new ArgumentException($"Layer {layer} was not found among the network's parameters.", nameof(layer));
    }
}
