using CsCheck;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Tests.TestSupport;

/// <summary>CsCheck generators for genomes and fitness.</summary>
internal static class Gens
{
    /// <summary>A seed for an operator's keyed stream (the operator's randomness is then part of the sample).</summary>
    public static readonly Gen<ulong> Seed = Gen.ULong;

    public static readonly Gen<int[]> LayerSizes = Gen.Int[1, 24].Array[1, 5];

    public static readonly Gen<MaskGenome> Mask =
        from sizes in LayerSizes
        from bits in Gen.Bool.Array[sizes.Sum()]
        select new MaskGenome(sizes, bits);

    /// <summary>Two masks over one layout, with per-layer densities that vary from layer to layer.</summary>
    public static readonly Gen<(MaskGenome First, MaskGenome Second)> MaskPair =
        from sizes in LayerSizes
        let layout = new MaskLayout(sizes)
        from a in Gen.Bool.Array[layout.TotalLength]
        from b in Gen.Bool.Array[layout.TotalLength]
        select (new MaskGenome(layout, a), new MaskGenome(layout, b));

    public static readonly Gen<GeneBounds<double>> RealBounds =
        from n in Gen.Int[1, 16]
        from lower in Gen.Double[-50, 50].Array[n]
        from width in Gen.Double[0, 20].Array[n]
        select new GeneBounds<double>(lower, [.. lower.Zip(width, (l, w) => l + w)]);

    /// <summary>Two real genomes within one set of bounds.</summary>
    public static readonly Gen<(RealGenome First, RealGenome Second)> RealPair =
        from bounds in RealBounds
        from u in Gen.Double.Unit.Array[bounds.Length]
        from v in Gen.Double.Unit.Array[bounds.Length]
        select (Within(bounds, u), Within(bounds, v));

    public static readonly Gen<IntegerGenome> BoundedInteger =
        from n in Gen.Int[1, 16]
        from lower in Gen.Int[-100, 100].Array[n]
        from width in Gen.Int[0, 10].Array[n]
        let bounds = new GeneBounds<int>(lower, [.. lower.Zip(width, (l, w) => l + w)])
        from offsets in Gen.Int[0, 10].Array[n]
        select new IntegerGenome([.. lower.Select((l, i) => Math.Min(l + offsets[i], l + width[i]))], bounds);

    /// <summary>Mostly spread values, some small integers (ties) and some failures.</summary>
    public static readonly Gen<FitnessInfo> Fitness = Gen.Frequency(
        (6, Gen.Double[-1000, 1000].Select(d => new FitnessInfo(d))),
        (3, Gen.Int[-3, 3].Select(i => new FitnessInfo(i))),
        (1, Gen.Const(FitnessInfo.Failed("diverged"))));

    public static readonly Gen<FitnessInfo[]> FitnessList = Fitness.Array[1, 40];

    public static readonly Gen<FitnessComparer> Comparer = Gen.OneOf(FitnessComparer.Maximize, FitnessComparer.Minimize);

    private static RealGenome Within(GeneBounds<double> bounds, double[] unit) =>
        new([.. unit.Select((u, i) => Math.Clamp(bounds.Lower[i] + (u * (bounds.Upper[i] - bounds.Lower[i])), bounds.Lower[i], bounds.Upper[i]))], bounds);
}
