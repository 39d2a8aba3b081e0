using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EvoPrune.Cluster.Kinds.Pruning;

/// <summary>
/// One cell of a pruning comparison: a method at a target sparsity with a seed (and, for the synthetic manifold,
/// an intrinsic dimension). It is the genome payload of the <c>pruning</c> kind (UTF-8 JSON).
/// </summary>
/// <param name="Method">A name from <see cref="PruningMethods.Names"/> or "dense".</param>
/// <param name="Sparsity">Target fraction of prunable weights removed (0 for dense).</param>
/// <param name="Seed">Seed of the initial weights, masks and batch order of this cell (the data split uses the run seed).</param>
/// <param name="Dimension">Intrinsic dimension of the manifold data (null: the data section as written).</param>
public sealed record PruningCell(string Method, double Sparsity, ulong Seed, int? Dimension)
{
    public byte[] ToPayload() => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(this, KindSupport.Json));

    public static PruningCell FromPayload(byte[] payload) =>
        JsonSerializer.Deserialize<PruningCell>(payload, KindSupport.Json) ?? throw new ArgumentException("The pruning genome's payload is empty.");

    /// <summary>A short label for status lines and genome ids.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Method} at {Sparsity:P1}, seed {Seed}{(Dimension is { } d ? $", d={d}" : string.Empty)}");
}
