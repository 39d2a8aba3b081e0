using System.Collections.Immutable;
using EvoPrune.Evolution.Neat;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Neat;

/// <summary>
/// A feed-forward NEAT genome as a TorchSharp module, so the topology NEAT evolved can have its weights trained by
/// gradient descent. One parameter per enabled connection (initialised with the genome's weights); computed nodes in
/// topological order, each φ(slope · Σ w·source) with NEAT's steepened sigmoid, a hidden node without inputs giving
/// φ(0) as in <see cref="Evolution.Neat.Phenotypes.FeedForwardNetwork"/>. <see cref="forward"/>
/// returns the output nodes' logits slope·Σ, whose sigmoid is exactly the evolved network's output, so the
/// predicted class (largest output) is the same before any training.
/// </summary>
public sealed class NeatModule : nn.Module<Tensor, Tensor>
{
    private readonly NeatGenome _genome;
    private readonly double _slope;
    private readonly int[] _order;
    private readonly long[][] _incoming;
    private readonly int[][] _sources;
    private readonly int[] _connectionOf;

    /// <summary>The trainable weights, one per enabled connection, in the genome's connection order.</summary>
    public Parameter Weights { get; }

    /// <summary>Builds the module of <paramref name="genome"/>; throws <see cref="ArgumentException"/> if its enabled links form a cycle.</summary>
    public NeatModule(NeatGenome genome, double slope = Evolution.Neat.Phenotypes.Sigmoid.PaperSlope)
        : base("neat")
    {
        ArgumentNullException.ThrowIfNull(genome);
        _genome = genome;
        _slope = slope;
        var enabled = genome.Connections.Select((c, i) => (c, i)).Where(x => x.c.Enabled).ToArray();
        _connectionOf = [.. enabled.Select(x => x.i)];
        var computed = genome.Nodes.Where(n => n.Type is NodeType.Hidden or NodeType.Output).Select(n => n.Id).ToHashSet();
        var indegree = computed.ToDictionary(id => id, _ => 0);
        foreach (var (c, _) in enabled)
        {
            indegree[c.Target]++;
        }

        var ready = new PriorityQueue<int, int>();
        foreach (var id in computed.Where(id => indegree[id] == 0))
        {
            ready.Enqueue(id, id);
        }

        foreach (var (c, _) in enabled.Where(x => !computed.Contains(x.c.Source)))
        {
            if (--indegree[c.Target] == 0)
            {
                ready.Enqueue(c.Target, c.Target);
            }
        }

        var order = new List<int>();
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var (c, _) in enabled.Where(x => x.c.Source == node))
            {
                if (--indegree[c.Target] == 0)
                {
                    ready.Enqueue(c.Target, c.Target);
                }
            }
        }

        if (order.Count != computed.Count)
        {
            throw new ArgumentException("The genome's enabled connections contain a cycle; only feed-forward genomes can be trained as modules.", nameof(genome));
        }

        _order = [.. order];
        _incoming = [.. _order.Select(n => enabled.Select((x, k) => (x.c, k)).Where(y => y.c.Target == n).Select(y => (long)y.k).ToArray())];
        _sources = [.. _order.Select(n => enabled.Where(x => x.c.Target == n).Select(x => x.c.Source).ToArray())];
        Weights = new Parameter(tensor(enabled.Select(x => (float)x.c.Weight).ToArray()));
        register_parameter("weights", Weights);
    }

    /// <summary>Logits [batch, outputs] for inputs [batch, inputs].</summary>
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        // Held to the end of the pass: `pre * _slope` would hand libtorch a temporary Scalar (see LiveScalars).
        using var slope = _slope.ToScalar();
        var batch = input.shape[0];
        var values = new Dictionary<int, Tensor>();
        for (var i = 0; i < _genome.InputCount; i++)
        {
            values[i] = input.select(1, i);
        }

        values[_genome.BiasId] = ones(batch, dtype: input.dtype, device: input.device);
        var logits = new Tensor[_genome.OutputCount];
        for (var i = 0; i < _order.Length; i++)
        {
            var node = _order[i];
            var pre = _incoming[i].Length == 0
                ? zeros(batch, dtype: input.dtype, device: input.device)
                : stack(_sources[i].Select(s => values[s]).ToArray(), 1).matmul(Weights.index_select(0, tensor(_incoming[i], device: input.device)));
            var scaled = pre.mul(slope);
            values[node] = sigmoid(scaled);
            var output = node - _genome.InputCount - 1;
            if (output >= 0 && output < _genome.OutputCount)
            {
                logits[output] = scaled;
            }
        }

        return stack(logits, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The genome with this module's (trained) weights written back into its enabled connections.</summary>
    public NeatGenome ToGenome()
    {
        using var _ = no_grad();
        var trained = Weights.cpu().data<float>().ToArray();
        var connections = _genome.Connections.ToBuilder();
        for (var k = 0; k < _connectionOf.Length; k++)
        {
            connections[_connectionOf[k]] = connections[_connectionOf[k]].WithWeight(trained[k]);
        }

        return _genome.WithConnections(connections.ToImmutable());
    }
}
