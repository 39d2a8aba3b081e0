using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// An immutable NEAT genome: node genes sorted by id and connection genes sorted by innovation number. The
/// constructor checks the invariants every operator relies on (fixed input/bias/output block, unique ids and
/// innovations, endpoints that exist, no link into an input), so an invalid genome can never be observed.
/// Round-trips through System.Text.Json.
/// </summary>
public sealed class NeatGenome
{
    /// <summary>Creates a genome from its genes; throws <see cref="ArgumentException"/> when an invariant fails.</summary>
    [JsonConstructor]
    public NeatGenome(int inputCount, int outputCount, ImmutableArray<NodeGene> nodes, ImmutableArray<ConnectionGene> connections)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputCount);
        InputCount = inputCount;
        OutputCount = outputCount;
        Nodes = nodes.IsDefault ? [] : nodes;
        Connections = connections.IsDefault ? [] : connections;
        GenomeValidation.Check(this);
    }

    /// <summary>Number of input nodes, not counting the bias.</summary>
    public int InputCount { get; }

    /// <summary>Number of output nodes.</summary>
    public int OutputCount { get; }

    /// <summary>Node genes in ascending id order.</summary>
    public ImmutableArray<NodeGene> Nodes { get; }

    /// <summary>Connection genes in ascending innovation order.</summary>
    public ImmutableArray<ConnectionGene> Connections { get; }

    /// <summary>Id of the bias node.</summary>
    [JsonIgnore]
    public int BiasId => InputCount;

    /// <summary>Number of hidden nodes.</summary>
    [JsonIgnore]
    public int HiddenCount => Nodes.Length - InputCount - 1 - OutputCount;

    /// <summary>Number of expressed connections.</summary>
    [JsonIgnore]
    public int EnabledConnectionCount
    {
        get
        {
            var count = 0;
            foreach (var c in Connections)
            {
                count += c.Enabled ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Id of output <paramref name="index"/>.</summary>
    public int OutputId(int index) => InputCount + 1 + index;

    /// <summary>
    /// The paper's start genome: every input and the bias linked straight to every output, weights uniform in
    /// ±<paramref name="weightRange"/>. Innovations come from <paramref name="tracker"/>, so all start genomes share them.
    /// </summary>
    public static NeatGenome CreateMinimal(int inputCount, int outputCount, InnovationTracker tracker, IRandomSource random, double weightRange)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(random);
        var nodes = ImmutableArray.CreateBuilder<NodeGene>(inputCount + 1 + outputCount);
        for (var i = 0; i < inputCount; i++)
        {
            nodes.Add(new NodeGene(i, NodeType.Input));
        }

        nodes.Add(new NodeGene(inputCount, NodeType.Bias));
        for (var o = 0; o < outputCount; o++)
        {
            nodes.Add(new NodeGene(inputCount + 1 + o, NodeType.Output));
        }

        var connections = new List<ConnectionGene>((inputCount + 1) * outputCount);
        for (var o = 0; o < outputCount; o++)
        {
            for (var i = 0; i <= inputCount; i++)
            {
                var target = inputCount + 1 + o;
                var weight = ((2.0 * random.NextDouble()) - 1.0) * weightRange;
                connections.Add(new ConnectionGene(tracker.ConnectionInnovation(i, target), i, target, weight, true));
            }
        }

        connections.Sort((a, b) => a.Innovation.CompareTo(b.Innovation));
        return new NeatGenome(inputCount, outputCount, nodes.MoveToImmutable(), [.. connections]);
    }

    /// <summary>Whether a node with <paramref name="id"/> exists.</summary>
    public bool ContainsNode(int id) => IndexOfNode(id) >= 0;

    /// <summary>Position of node <paramref name="id"/> in <see cref="Nodes"/>, or a negative number.</summary>
    public int IndexOfNode(int id)
    {
        int lo = 0, hi = Nodes.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var midId = Nodes[mid].Id;
            if (midId == id)
            {
                return mid;
            }

            if (midId < id)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// A genome over <paramref name="connections"/>, which the genome takes over (the caller must not touch the array
    /// again): operators build their children's genes in place instead of copying them into an immutable array.
    /// The operators keep every invariant by construction (their property tests check each child with
    /// GenomeValidation), so this skips the check the public constructor makes.
    /// </summary>
    internal static NeatGenome FromSortedGenes(int inputCount, int outputCount, ImmutableArray<NodeGene> nodes, ConnectionGene[] connections) =>
        new(inputCount, outputCount, nodes, ImmutableCollectionsMarshal.AsImmutableArray(connections), validate: false);

    private NeatGenome(int inputCount, int outputCount, ImmutableArray<NodeGene> nodes, ImmutableArray<ConnectionGene> connections, bool validate)
    {
        InputCount = inputCount;
        OutputCount = outputCount;
        Nodes = nodes;
        Connections = connections;
        if (validate)
        {
            GenomeValidation.Check(this);
        }
    }

    /// <summary>This genome with other connection genes (they must stay in innovation order).</summary>
    public NeatGenome WithConnections(ImmutableArray<ConnectionGene> connections) => new(InputCount, OutputCount, Nodes, connections);
}
