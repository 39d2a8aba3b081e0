namespace EvoPrune.Ensembles.Search;

/// <summary>
/// Univariate Marginal Distribution Algorithm (Mühlenbein &amp; Paaß 1996) over selection vectors. Each generation
/// samples N vectors bit-wise from p (vector j from RandomKey(seed, g, j, "umda-sample")), keeps the best ⌈T·N⌉
/// (ties by index), sets p_i to the share of them that include member i, and clamps p_i to [1/M, 1 − 1/M] so no bit
/// is fixed for good.
/// </summary>
public sealed class Umda : SubsetSearch<UmdaState>
{
    public Umda(SearchOptions? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override string Name => "umda";

    /// <summary>The clamp bound 1/M (at most 0.5, so M = 1 is allowed).</summary>
    public static double LowerBound(int length) => Math.Min(0.5, 1.0 / length);

    /// <inheritdoc />
    public override UmdaState Initialize(int length, ulong seed, IReadOnlyList<double>? memberAccuracies = null)
    {
        CheckLength(length);
        var p = VectorSampling.InitialProbabilities(length, Options.Initialization, memberAccuracies);
        return new UmdaState
        {
            Seed = seed, Generation = 0, Length = length, Probabilities = Clamp(p),
            Injected = VectorSampling.Seeds(length, Options, memberAccuracies),
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<bool[]> Propose(UmdaState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return VectorSampling.Generation(state, state.Probabilities, Options.PopulationSize, "umda-sample");
    }

    /// <inheritdoc />
    public override bool IsFinished(UmdaState state)
    {
        if (base.IsFinished(state))
        {
            return true;
        }

        var low = LowerBound(state.Length);
        return Options.StopWhenConverged && state.Probabilities.All(p => p <= low || p >= 1 - low);
    }

    /// <inheritdoc />
    protected override UmdaState Learn(UmdaState state, IReadOnlyList<bool[]> proposals, IReadOnlyList<double> fitness)
    {
        var kept = Math.Max(1, (int)Math.Ceiling(Options.Truncation * proposals.Count));
        var p = new double[state.Length];
        foreach (var j in VectorSampling.Ranking(fitness).Take(kept))
        {
            for (var i = 0; i < p.Length; i++)
            {
                p[i] += proposals[j][i] ? 1.0 / kept : 0;
            }
        }

        return state with { Probabilities = Clamp(p) };
    }

    private static double[] Clamp(double[] p)
    {
        var low = LowerBound(p.Length);
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = Math.Clamp(p[i], low, 1 - low);
        }

        return p;
    }
}
