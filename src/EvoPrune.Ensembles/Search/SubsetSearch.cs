namespace EvoPrune.Ensembles.Search;

/// <summary>
/// The step-wise protocol every search follows, for engines that distribute evaluation or checkpoint between
/// generations: <c>state = Initialize(..)</c>; then while <c>!IsFinished(state)</c>:
/// <c>vectors = Propose(state)</c>, evaluate them anywhere, <c>state = Update(state, vectors, fitness)</c>.
/// Propose is a pure function of the state, so a state saved after any Update resumes the run exactly.
/// </summary>
/// <typeparam name="TState">The algorithm's serialisable state.</typeparam>
public abstract class SubsetSearch<TState> : ISubsetSearch
    where TState : SearchState
{
    /// <summary>Creates the search; throws if <paramref name="options"/> are invalid.</summary>
    protected SubsetSearch(SearchOptions? options)
    {
        Options = options ?? new SearchOptions();
        Options.Validate();
    }

    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public SearchOptions Options { get; }

    /// <summary>The state before generation 0. <paramref name="memberAccuracies"/> feed the biased and top-k initialisations.</summary>
    public abstract TState Initialize(int length, ulong seed, IReadOnlyList<double>? memberAccuracies = null);

    /// <summary>The <see cref="SearchOptions.PopulationSize"/> vectors of generation <c>state.Generation</c>.</summary>
    public abstract IReadOnlyList<bool[]> Propose(TState state);

    /// <summary>Folds the fitness of the proposed vectors into the model and the best-ever record; advances the generation.</summary>
    public TState Update(TState state, IReadOnlyList<bool[]> proposals, IReadOnlyList<double> fitness)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(fitness);
        if (proposals.Count != fitness.Count || proposals.Count == 0)
        {
            throw new ArgumentException($"Got {proposals.Count} vectors and {fitness.Count} fitness values.", nameof(fitness));
        }

        var bestMask = state.BestMask;
        var bestFitness = state.BestFitness;
        for (var j = 0; j < proposals.Count; j++)
        {
            if (bestFitness is null || fitness[j] > bestFitness)
            {
                bestFitness = fitness[j];
                bestMask = [.. proposals[j]];
            }
        }

        var learned = Learn(state, proposals, fitness);
        return learned with
        {
            Generation = state.Generation + 1,
            BestMask = bestMask,
            BestFitness = bestFitness,
            Evaluations = state.Evaluations + proposals.Count,
            Injected = [],
        };
    }

    /// <summary>True once the budget is spent (or, for UMDA with early stopping, the model has converged).</summary>
    public virtual bool IsFinished(TState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Generation >= Options.Generations;
    }

    /// <summary>Runs from <paramref name="state"/> until <see cref="IsFinished"/>; returns the final state.</summary>
    public TState Continue(TState state, Func<IReadOnlyList<bool[]>, IReadOnlyList<double>> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        while (!IsFinished(state))
        {
            var proposals = Propose(state);
            state = Update(state, proposals, evaluate(proposals));
        }

        return state;
    }

    /// <inheritdoc />
    public SearchResult Run(int length, Func<IReadOnlyList<bool[]>, IReadOnlyList<double>> evaluate, ulong seed, IReadOnlyList<double>? memberAccuracies = null)
    {
        var final = Continue(Initialize(length, seed, memberAccuracies), evaluate);
        return new SearchResult(Name, final.BestMask ?? new bool[length], final.BestFitness ?? double.NaN, final.Evaluations, final.Generation);
    }

    /// <summary>The algorithm's model update; the base class handles best-ever, counters and the generation number.</summary>
    protected abstract TState Learn(TState state, IReadOnlyList<bool[]> proposals, IReadOnlyList<double> fitness);

    /// <summary>Throws if <paramref name="length"/> is not a usable vector length.</summary>
    protected static void CheckLength(int length) => ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
}
