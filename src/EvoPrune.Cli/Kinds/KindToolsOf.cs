using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Plugins;

namespace EvoPrune.Cli.Kinds;

/// <summary>The tools of genome kind <typeparamref name="TKind"/>, which reach the run's kind instance through <see cref="Kind"/>.</summary>
internal abstract class KindTools<TKind> : KindTools
    where TKind : class, IGenomeKind
{
    /// <summary>The kind instance of <paramref name="run"/> (tools are chosen by its type, so it is a <typeparamref name="TKind"/>).</summary>
    protected static TKind Kind(RunInspection run) =>
        (run ?? throw new ArgumentNullException(nameof(run))).Kind as TKind ?? throw new InvalidOperationException($"Run '{run.Spec.RunId}' is not a {typeof(TKind).Name} run.");
}
