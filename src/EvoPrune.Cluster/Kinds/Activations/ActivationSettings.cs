using EvoPrune.Evolution.Cgp;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cluster.Kinds.Activations;

/// <summary>
/// Settings of an <c>activations</c> run (Lapid and Sipper, GECCO '22): which search method, its budget in
/// iterations, the CGP grid, the three-slot network, and how candidates and the final network are trained.
/// </summary>
public sealed record ActivationSettings
{
    /// <summary>Three coevolving populations (input, hidden, output layer functions).</summary>
    public const string Coevolution = "coevo";

    /// <summary>One population; the same function in all three slots.</summary>
    public const string EvoSingle = "evo-single";

    /// <summary>One population; each candidate goes into a random slot of the best triple so far.</summary>
    public const string EvoTriple = "evo-triple";

    /// <summary>Point-mutants of one random program, each in a random slot of the best triple so far.</summary>
    public const string RandomSearch = "random";

    /// <summary>Each function of <see cref="StandardFunctions"/> in all three slots; the best is trained to the end.</summary>
    public const string Standard = "standard";

    /// <summary>A (1+λ) search over triples of standard functions (one per slot).</summary>
    public const string PerLayer = "per-layer";

    public static IReadOnlyList<string> Methods { get; } = [Coevolution, EvoSingle, EvoTriple, RandomSearch, Standard, PerLayer];

    /// <summary>The three slots, in network order; coevolution runs one population per slot with these names.</summary>
    public static IReadOnlyList<string> Slots { get; } = ["input", "hidden", "output"];

    public string Method { get; init; } = Coevolution;

    /// <summary>n_iter of the source: generations per population; coevolution's three populations breed one after another, single-population methods get 3·n.</summary>
    public int Iterations { get; init; } = 5;

    /// <summary>Children per generation of the (1+λ) strategy.</summary>
    public int Lambda { get; init; } = 4;

    /// <summary>Random search: "equal" (as many evaluations as the ES methods) or "code-faithful" (1 + 3·n, the source's).</summary>
    public string RandomBudget { get; init; } = "equal";

    /// <summary>Mutation changes the function (active genes) rather than any gene (the source's plain point mutation).</summary>
    public bool ActiveMutation { get; init; } = true;

    public int Rows { get; init; } = 5;

    public int Columns { get; init; } = 5;

    public int LevelsBack { get; init; } = 5;

    /// <summary>The standard set of the "standard" and "per-layer" methods.</summary>
    public IReadOnlyList<string> StandardFunctions { get; init; } = ["relu", "leaky_relu", "elu", "tanh", "selu", "gelu", "silu", "sigmoid"];

    /// <summary>The function in slots no search has filled yet (coevolution starts from it).</summary>
    public string Default { get; init; } = "relu";

    /// <summary>Training epochs of one fitness evaluation (the source's 3 "mini-epochs"); fitness is the best validation accuracy after any of them.</summary>
    public int MiniEpochs { get; init; } = 3;

    /// <summary>Epochs of the final training of the winning triple on train ∪ validation.</summary>
    public int FinalEpochs { get; init; } = 30;

    /// <summary>Minibatch size; 0 means the source's rule, |train ∪ validation| / 10.</summary>
    public int BatchSize { get; init; }

    public DataSpec Data { get; init; } = new();

    public ModelSpec Model { get; init; } = new() { Architecture = "af-fcn", Init = Learning.Models.WeightInit.PyTorch };

    /// <summary>Optimiser of fitness and final training (the source: Adam, learning rate 0.01).</summary>
    public TrainerOptions Training { get; init; } = new() { Optimizer = OptimizerKind.Adam, LearningRate = 0.01 };

    public CgpShape Shape => new(Rows, Columns, LevelsBack);

    public bool IsCoevolution => Method == Coevolution;

    /// <summary>Generations of the search before the final one (which trains the winner).</summary>
    public int SearchGenerations => Method switch
    {
        Standard => 1,
        _ => 3 * Iterations,
    };

    /// <summary>All generations of the run: the search and the final training.</summary>
    public int Generations => SearchGenerations + 1;

    /// <summary>The populations the run holds.</summary>
    public IReadOnlyList<string> Populations => IsCoevolution ? Slots : ["search"];

    /// <summary>Candidates the (1+λ) methods evaluate per search generation after the first.</summary>
    public int ChildrenPerGeneration => Method == RandomSearch && RandomBudget == "code-faithful" ? 1 : Lambda;

    /// <summary>Evaluations of the whole search (the budget methods are compared at).</summary>
    public int SearchEvaluations => Method switch
    {
        Coevolution => 3 * (1 + (Lambda * (Iterations - 1))),
        Standard => StandardFunctions.Count,
        RandomSearch when RandomBudget == "code-faithful" => 1 + (3 * Iterations),
        _ => 1 + (ChildrenPerGeneration * ((3 * Iterations) - 1)),
    };
}
