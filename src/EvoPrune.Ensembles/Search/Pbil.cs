namespace EvoPrune.Ensembles.Search;

/// <summary>
/// Population-Based Incremental Learning (Baluja 1994): samples N vectors from p (vector j from
/// RandomKey(seed, g, j, "pbil-sample")) and moves p toward the generation's best vector, p ← (1−α)p + α·best.
/// Being a convex combination of values in [0, 1], p stays in [0, 1] without clamping.
/// </summary>
public sealed class Pbil : SubsetSearch<PbilState>
{
    public Pbil(SearchOptions? options = null)
        : base(options)
    {
    }

    /// <inheritdoc />
    public override string Name => "pbil";

    /// <inheritdoc />
    public override PbilState Initialize(int length, ulong seed, IReadOnlyList<double>? memberAccuracies = null)
    {
        CheckLength(length);
        return new PbilState
        {
            Seed = seed, Generation = 0, Length = length,
            Probabilities = VectorSampling.InitialProbabilities(length, Options.Initialization, memberAccuracies),
            Injected = VectorSampling.Seeds(length, Options, memberAccuracies),
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<bool[]> Propose(PbilState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return VectorSampling.Generation(state, state.Probabilities, Options.PopulationSize, "pbil-sample");
    }

    /// <inheritdoc />
    protected override PbilState Learn(PbilState state, IReadOnlyList<bool[]> proposals, IReadOnlyList<double> fitness)
    {
        var best = proposals[VectorSampling.Ranking(fitness)[0]];
        var alpha = Options.PbilLearningRate;
        var p = new double[state.Length];
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = Math.Clamp(((1 - alpha) * state.Probabilities[i]) + (alpha * (best[i] ? 1.0 : 0.0)), 0.0, 1.0);
        }

        return state with { Probabilities = p };
    }
}
