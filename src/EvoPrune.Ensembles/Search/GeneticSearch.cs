using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Evolution.Selections;

namespace EvoPrune.Ensembles.Search;

/// <summary>
/// A generational GA on selection vectors built from EvoPrune.Evolution's operators: the best
/// <see cref="SearchOptions.Elites"/> vectors survive unchanged; the rest are children of tournament-selected
/// parents (RandomKey(seed, g, -1, "ga-select")), recombined by uniform crossover with probability
/// <see cref="SearchOptions.CrossoverRate"/> (pair p: "ga-crossover") and bit-flip mutated (child j: "ga-mutate").
/// Generation 0 is sampled like UMDA's ("ga-sample").
/// </summary>
public sealed class GeneticSearch : SubsetSearch<GaState>
{
    private readonly TournamentSelection _selection;
    private readonly UniformCrossover<MaskGenome> _crossover = new();

    public GeneticSearch(SearchOptions? options = null)
        : base(options)
    {
        _selection = new TournamentSelection(Options.TournamentSize);
    }

    /// <inheritdoc />
    public override string Name => "ga";

    /// <inheritdoc />
    public override GaState Initialize(int length, ulong seed, IReadOnlyList<double>? memberAccuracies = null)
    {
        CheckLength(length);
        return new GaState
        {
            Seed = seed, Generation = 0, Length = length,
            InitialProbabilities = VectorSampling.InitialProbabilities(length, Options.Initialization, memberAccuracies),
            Injected = VectorSampling.Seeds(length, Options, memberAccuracies),
        };
    }

    /// <inheritdoc />
    public override IReadOnlyList<bool[]> Propose(GaState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var n = Options.PopulationSize;
        if (state.Population.Count == 0)
        {
            return VectorSampling.Generation(state, state.InitialProbabilities, n, "ga-sample");
        }

        var g = state.Generation;
        var next = new List<bool[]>(n);
        foreach (var j in VectorSampling.Ranking(state.PopulationFitness).Take(Options.Elites))
        {
            next.Add([.. state.Population[j]]);
        }

        var childCount = n - next.Count;
        var fitness = state.PopulationFitness.Select(f => new FitnessInfo(f)).ToArray();
        var parents = _selection.SelectIndices(fitness, childCount + (childCount % 2), FitnessComparer.Maximize, RandomSources.For(state.Seed, g, -1, "ga-select"));
        var layout = new[] { state.Length };
        var mutation = new BitFlipMutation(Options.MutationRate ?? (1.0 / state.Length));
        for (var pair = 0; next.Count < n; pair++)
        {
            var first = new MaskGenome(layout, state.Population[parents[2 * pair]].ToArray());
            var second = new MaskGenome(layout, state.Population[parents[(2 * pair) + 1]].ToArray());
            var random = RandomSources.For(state.Seed, g, pair, "ga-crossover");
            var children = random.NextBool(Options.CrossoverRate) ? _crossover.Cross([first, second], random) : [first, second];
            foreach (var child in children.Take(n - next.Count))
            {
                var mutated = mutation.Mutate(child, RandomSources.For(state.Seed, g, next.Count, "ga-mutate"));
                next.Add(mutated.Bits.ToArray());
            }
        }

        return next;
    }

    /// <inheritdoc />
    protected override GaState Learn(GaState state, IReadOnlyList<bool[]> proposals, IReadOnlyList<double> fitness) =>
        state with { Population = proposals.Select(p => (IReadOnlyList<bool>)p.ToArray()).ToArray(), PopulationFitness = fitness.ToArray() };
}
