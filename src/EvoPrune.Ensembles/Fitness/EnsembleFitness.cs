using EvoPrune.Ensembles.Fusion;
using EvoPrune.Ensembles.Pool;

namespace EvoPrune.Ensembles.Fitness;

/// <summary>
/// Evaluates selection vectors (F1 or F2, see <see cref="FitnessOptions"/>) on the selection split of a pool's cached
/// outputs. Cheap and thread-safe: only array reads. Counts evaluations so budgets can be checked.
/// </summary>
public sealed class EnsembleFitness
{
    private readonly EnsembleScorer _scorer;
    private long _evaluations;

    /// <summary>Creates the fitness over <paramref name="pool"/>.</summary>
    public EnsembleFitness(PoolPredictions pool, FitnessOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pool);
        Options = options ?? new FitnessOptions();
        _scorer = new EnsembleScorer(pool, Options.Fusion, Options.Weighting);
    }

    public FitnessOptions Options { get; }

    /// <summary>The scorer with the same fusion rule, for test-split scoring of the winner.</summary>
    public EnsembleScorer Scorer => _scorer;

    /// <summary>How many vectors have been evaluated.</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>The fitness of one vector (empty vectors are repaired first).</summary>
    public double Evaluate(IReadOnlyList<bool> mask)
    {
        Interlocked.Increment(ref _evaluations);
        var members = SubsetRepair.Members(mask, _scorer.Pool);
        var accuracy = _scorer.SelectionAccuracy(mask);
        return Options.Lambda == 0
            ? accuracy
            : accuracy + (Options.Lambda * PairwiseDiversity.Mean(_scorer.Pool.Selection, members, Options.Diversity));
    }

    /// <summary>The fitness of each vector, in order.</summary>
    public IReadOnlyList<double> EvaluateAll(IReadOnlyList<bool[]> masks)
    {
        ArgumentNullException.ThrowIfNull(masks);
        return masks.Select(Evaluate).ToArray();
    }
}
