using EvoPrune.Learning.Models;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// How many weights IMP keeps in each round. A round removes round(rate × remaining) weights, so the remaining
/// fraction follows (1 − rate)^round: 100, 80, 64, 51.2, 40.96 % at 20% per round (the LTH paper's P_m table).
/// </summary>
public static class ImpSchedule
{
    /// <summary>The remaining fraction before pruning and after each of <paramref name="rounds"/> rounds.</summary>
    public static double[] RemainingFractions(double rate, int rounds) =>
        Enumerable.Range(0, rounds + 1).Select(r => Math.Pow(1 - rate, r)).ToArray();

    /// <summary>Exact kept counts of a group of <paramref name="size"/> weights, one per round (index 0: all).</summary>
    public static long[] KeptCounts(long size, double rate, int rounds)
    {
        var kept = new long[rounds + 1];
        kept[0] = size;
        for (var r = 1; r <= rounds; r++)
        {
            kept[r] = kept[r - 1] - (long)Math.Round(rate * kept[r - 1], MidpointRounding.AwayFromZero);
        }

        return kept;
    }

    /// <summary>Kept counts spaced geometrically from <paramref name="size"/> to exactly the target's count.</summary>
    public static long[] KeptCountsToTarget(long size, double sparsity, int rounds)
    {
        var kept = new long[rounds + 1];
        var final = PruningTarget.Kept(size, sparsity);
        for (var r = 0; r <= rounds; r++)
        {
            kept[r] = r == rounds ? final : Math.Max(final, (long)Math.Round(size * Math.Pow((double)final / size, (double)r / rounds), MidpointRounding.AwayFromZero));
        }

        return kept;
    }

    /// <summary>
    /// The percentage of all prunable weights remaining after each round, from exact per-group counts:
    /// LeNet-300-100 at fc 20% / output 10% gives 100, 80.0, 64.0, 51.3, ... (the paper's P_m).
    /// </summary>
    public static double[] RemainingPercent(ArchitectureSpec architecture, ImpOptions options)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var plan = Plan(architecture, options);
        var total = (double)plan.Groups.Sum(g => g.Layers.Sum(l => architecture.Describe()[l].Weights));
        return Enumerable.Range(0, options.Rounds + 1).Select(r => 100.0 * plan.Groups.Sum(g => g.Kept[r]) / total).ToArray();
    }

    /// <summary>The groups ranked together (one per layer, or one global group plus the output layer) and their counts.</summary>
    internal static ImpPlan Plan(ArchitectureSpec architecture, ImpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var layers = architecture.Describe();
        var output = layers.Count - 1;
        double RateOf(int l) => l == output ? options.OutputRate
            : architecture.Layers[layers[l].LayerIndex].Kind == LayerKind.Conv ? options.ConvRate : options.FcRate;

        var groups = new List<ImpGroup>();
        if (options.Scope == PruningScope.Global)
        {
            var members = options.Target != null ? Enumerable.Range(0, layers.Count).ToArray() : Enumerable.Range(0, output).ToArray();
            groups.Add(Group(members, RateOf(0)));
            if (options.Target == null)
            {
                groups.Add(Group([output], RateOf(output)));
            }
        }
        else
        {
            groups.AddRange(Enumerable.Range(0, layers.Count).Select(l => Group([l], RateOf(l))));
        }

        return new ImpPlan(groups.Where(g => g.Layers.Length > 0).ToArray());

        ImpGroup Group(int[] members, double rate)
        {
            var size = members.Sum(l => layers[l].Weights);
            var sparsity = options.Target == null ? 0
                : options.Scope == PruningScope.Global ? options.Target.Sparsity
                : options.Target.LayerSparsities?[members[0]] ?? options.Target.Sparsity;
            return new ImpGroup(members, options.Target == null ? KeptCounts(size, rate, options.Rounds) : KeptCountsToTarget(size, sparsity, options.Rounds));
        }
    }
}

/// <summary>Layers ranked together by IMP and their kept count per round.</summary>
internal sealed record ImpGroup(int[] Layers, long[] Kept);

/// <summary>All groups of one IMP run.</summary>
internal sealed record ImpPlan(IReadOnlyList<ImpGroup> Groups);
