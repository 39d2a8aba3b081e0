using EvoPrune.Data.Normalization;
using EvoPrune.Evolution.Neat;
using Onnx;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// A feed-forward NEAT genome as an ONNX graph, one node per neuron: each hidden or output neuron gathers its enabled
/// sources (Concat), takes their weighted sum (MatMul; the bias node's weight becomes an added constant), scales it by
/// the sigmoid slope and applies the sigmoid, in double precision like the phenotype, in topological order (ties by
/// node id); a neuron without inputs outputs φ(0). Outputs: <c>outputs</c> (the output neurons' values),
/// <c>logits</c> (slope·Σ) and <c>probabilities</c>: [1 − y, y] for one output neuron, the softmax of the logits for
/// several (the largest output neuron is the predicted class either way). Disabled genes are left out.
/// </summary>
public static class NeatOnnx
{
    public const string OutputsName = "outputs";

    private const int DoubleType = (int)TensorProto.Types.DataType.Double;
    private const int FloatType = (int)TensorProto.Types.DataType.Float;

    /// <summary>The graph; throws <see cref="ArgumentException"/> when the enabled connections form a cycle.</summary>
    public static ModelProto ToModel(NeatGenome genome, double slope, NormalizationStats? normalization, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(genome);
        var graph = new OnnxGraphBuilder("neat");
        var input = NetworkOnnx.Normalize(graph, graph.Input(NetworkOnnx.InputName, genome.InputCount), normalization, genome.InputCount);
        var x = graph.Node("Cast", [input], null, ("to", (long)DoubleType));
        var values = new Dictionary<int, string>();
        for (var i = 0; i < genome.InputCount; i++)
        {
            values[i] = graph.Node("Gather", [x, graph.Int64s("column", i)], null, ("axis", 1L));
        }

        var enabled = genome.Connections.Where(c => c.Enabled).ToArray();
        var logits = new Dictionary<int, string>();
        foreach (var node in Order(genome, enabled))
        {
            var incoming = enabled.Where(c => c.Target == node && c.Source != genome.BiasId).ToArray();
            var biasWeight = enabled.Where(c => c.Target == node && c.Source == genome.BiasId).Sum(c => c.Weight);
            string sum;
            if (incoming.Length == 0)
            {
                sum = graph.Node("MatMul", [x, graph.Constant("none", new double[genome.InputCount], genome.InputCount, 1)]);
            }
            else
            {
                var sources = incoming.Length == 1 ? values[incoming[0].Source] : graph.Node("Concat", [.. incoming.Select(c => values[c.Source])], null, ("axis", 1L));
                sum = graph.Node("MatMul", [sources, graph.Constant("w", incoming.Select(c => c.Weight).ToArray(), incoming.Length, 1)]);
            }

            var pre = graph.Node("Add", [sum, graph.Constant("bias", [biasWeight], 1)]);
            var logit = graph.Node("Mul", [pre, graph.Constant("slope", [slope], 1)]);
            logits[node] = logit;
            values[node] = graph.Node("Sigmoid", [logit]);
        }

        var outputIds = Enumerable.Range(0, genome.OutputCount).Select(genome.OutputId).ToArray();
        var logitColumns = Columns(graph, outputIds.Select(id => logits[id]).ToArray());
        var outputColumns = Columns(graph, outputIds.Select(id => values[id]).ToArray());
        string probabilities;
        int classes;
        if (genome.OutputCount == 1)
        {
            var complement = graph.Node("Sub", [graph.Constant("one", [1.0], 1), outputColumns]);
            probabilities = graph.Node("Concat", [complement, outputColumns], null, ("axis", 1L));
            classes = 2;
        }
        else
        {
            probabilities = graph.Node("Softmax", [logitColumns], null, ("axis", 1L));
            classes = genome.OutputCount;
        }

        graph.Output(graph.Node("Cast", [probabilities], null, ("to", (long)FloatType)), NetworkOnnx.ProbabilitiesName, classes);
        graph.Output(graph.Node("Cast", [outputColumns], null, ("to", (long)FloatType)), OutputsName, genome.OutputCount);
        graph.Output(graph.Node("Cast", [logitColumns], null, ("to", (long)FloatType)), NetworkOnnx.LogitsName, genome.OutputCount);
        return graph.Build(metadata, $"NEAT network, {genome.HiddenCount} hidden nodes, {enabled.Length} enabled connections, sigmoid slope {slope}");
    }

    private static string Columns(OnnxGraphBuilder graph, string[] columns) =>
        columns.Length == 1 ? columns[0] : graph.Node("Concat", columns, null, ("axis", 1L));

    // Kahn's algorithm over hidden and output nodes, ties by node id.
    private static List<int> Order(NeatGenome genome, ConnectionGene[] enabled)
    {
        var computed = genome.Nodes.Where(n => n.Type is NodeType.Hidden or NodeType.Output).Select(n => n.Id).ToHashSet();
        var indegree = computed.ToDictionary(id => id, _ => 0);
        foreach (var c in enabled.Where(c => computed.Contains(c.Source)))
        {
            indegree[c.Target]++;
        }

        var ready = new PriorityQueue<int, int>();
        foreach (var id in computed.Where(id => indegree[id] == 0))
        {
            ready.Enqueue(id, id);
        }

        var order = new List<int>();
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var c in enabled.Where(c => c.Source == node))
            {
                if (--indegree[c.Target] == 0)
                {
                    ready.Enqueue(c.Target, c.Target);
                }
            }
        }

        if (order.Count != computed.Count)
        {
            throw new ArgumentException("The genome's enabled connections contain a cycle: a recurrent network has state between activations, which one pass of an ONNX graph cannot carry.", nameof(genome));
        }

        return order;
    }
}
