namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Options of <see cref="IterativeMagnitudePruning"/>. Rate mode (the default, as in the LTH paper) prunes a fixed
/// fraction of the remaining weights per round: fc layers <see cref="FcRate"/>, conv layers <see cref="ConvRate"/>,
/// the output layer <see cref="OutputRate"/> (half the fc rate in the paper). Target mode (<see cref="Target"/> set)
/// instead spaces the kept counts geometrically so that the last round lands exactly on the target.
/// </summary>
public sealed record ImpOptions
{
    public const int DefaultRounds = 3;
    public const double DefaultFcRate = 0.2;
    public const double DefaultConvRate = 0.1;
    public const double DefaultOutputRate = 0.1;

    /// <summary>Pruning rounds after the dense level 0; the network is trained Rounds + 1 times.</summary>
    public int Rounds { get; init; } = DefaultRounds;

    public double FcRate { get; init; } = DefaultFcRate;

    public double ConvRate { get; init; } = DefaultConvRate;

    /// <summary>Rate of the output layer (0: never pruned, as OpenLTH's default ignores fc.weight).</summary>
    public double OutputRate { get; init; } = DefaultOutputRate;

    /// <summary>
    /// Per layer (LTH's LeNet and Conv-N) or global (OpenLTH's sparse_global, LTH's ResNet/VGG): in rate mode a global
    /// ranking covers every layer but the output layer, which keeps its own rate.
    /// </summary>
    public PruningScope Scope { get; init; } = PruningScope.PerLayer;

    /// <summary>Where survivors are reset to: optimiser step k of the dense run (0: the initial weights θ0).</summary>
    public long RewindStep { get; init; }

    /// <summary>If set, the final sparsity (rate settings are then ignored).</summary>
    public PruningTarget? Target { get; init; }

    /// <summary>The LTH paper's LeNet setting: per layer, fc 20%, output 10% per round.</summary>
    public static ImpOptions LotteryTicketPaper(int rounds) => new() { Rounds = rounds };

    /// <summary>OpenLTH's default: 20% per round globally, output layer not pruned.</summary>
    public static ImpOptions OpenLth(int rounds) => new() { Rounds = rounds, Scope = PruningScope.Global, OutputRate = 0 };

    /// <summary>Throws naming the first setting out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Rounds);
        ArgumentOutOfRangeException.ThrowIfNegative(RewindStep);
        foreach (var rate in new[] { FcRate, ConvRate, OutputRate })
        {
            if (!(rate >= 0 && rate < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(FcRate), rate, "Pruning rates per round must be in [0, 1).");
            }
        }

        if (Target != null && Target.Scope != Scope)
        {
            throw new ArgumentException($"The target's scope ({Target.Scope}) differs from the IMP scope ({Scope}).");
        }
    }
}
