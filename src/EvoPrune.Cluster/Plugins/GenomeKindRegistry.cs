using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Plugins;

/// <summary>The genome kinds registered in this process, by name.</summary>
public sealed class GenomeKindRegistry
{
    private readonly Dictionary<string, IGenomeKind> _kinds;

    public GenomeKindRegistry(IEnumerable<IGenomeKind> kinds)
    {
        _kinds = kinds.ToDictionary(k => k.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyCollection<string> Names => _kinds.Keys;

    /// <summary>The kind of <paramref name="spec"/>; the error lists the registered kinds.</summary>
    public IGenomeKind Get(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Get(spec.Kind);
    }

    /// <summary>The kind called <paramref name="name"/>, if registered here.</summary>
    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IGenomeKind? kind) =>
        _kinds.TryGetValue(name, out kind);

    public IGenomeKind Get(string name) =>
        _kinds.TryGetValue(name, out var kind)
            ? kind
            : throw new ArgumentException($"Unknown genome kind '{name}'. Registered kinds: {string.Join(", ", _kinds.Keys.Order())}.");
}
