using EvoPrune.Cluster.Kinds.Activations;
using EvoPrune.Cluster.Kinds.Ensemble;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Cluster.Kinds.Pruning;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Plugins;

namespace EvoPrune.Cli.Kinds;

/// <summary>The CLI's tools for each genome kind, keyed by the kind's type (its registration in the engine's registry).</summary>
internal sealed class KindToolsRegistry
{
    private readonly List<(Type Kind, string Name, KindTools Tools)> _tools = [];

    /// <summary>The tools of the kinds this build ships.</summary>
    public static KindToolsRegistry BuiltIn { get; } = new KindToolsRegistry()
        .Add<SparseMaskKind>(SparseMaskKind.KindName, new SparseMaskTools())
        .Add<PruningKind>(PruningKind.KindName, new PruningTools())
        .Add<ActivationKind>(ActivationKind.KindName, new ActivationTools())
        .Add<NeatKind>("NEAT", new NeatTools())
        .Add<EnsembleKind>(EnsembleKind.KindName, new EnsembleTools());

    /// <summary>Registers <paramref name="tools"/> for kind <typeparamref name="TKind"/>, called <paramref name="name"/> in messages.</summary>
    public KindToolsRegistry Add<TKind>(string name, KindTools tools)
        where TKind : IGenomeKind
    {
        _tools.Add((typeof(TKind), name, tools ?? throw new ArgumentNullException(nameof(tools))));
        return this;
    }

    /// <summary>The tools of <paramref name="kind"/>; <see cref="KindTools.None"/> for a kind without tools or unknown to this build (null).</summary>
    public KindTools For(IGenomeKind? kind) =>
        kind == null ? KindTools.None : _tools.FirstOrDefault(t => t.Kind == kind.GetType()).Tools ?? KindTools.None;

    /// <summary>"a, b and c": the kinds whose genomes ONNX export covers, for the refusal of any other.</summary>
    public string DescribeOnnxKinds()
    {
        var names = _tools.Where(t => t.Tools.ExportsOnnx).Select(t => t.Name).ToArray();
        return names.Length <= 1 ? string.Join(string.Empty, names) : $"{string.Join(", ", names[..^1])} and {names[^1]}";
    }
}
