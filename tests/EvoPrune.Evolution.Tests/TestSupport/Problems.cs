using EvoPrune.Evolution.Algorithms;
using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Evaluation;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Reinsertions;
using EvoPrune.Evolution.Selections;
using EvoPrune.Evolution.Terminations;

namespace EvoPrune.Evolution.Tests.TestSupport;

/// <summary>Small benchmark problems with known optima.</summary>
internal static class Problems
{
    public static readonly MaskLayout OneMaxLayout = new([16, 16, 16, 16]);

    /// <summary>OneMax: fitness is the number of kept bits; the optimum is all 64.</summary>
    public static FunctionEvaluator<MaskGenome> OneMax() => new(g => new FitnessInfo(g.KeptCount));

    public static GeneticAlgorithm<MaskGenome> OneMaxAlgorithm(
        ulong seed,
        ITermination termination,
        IEvaluator<MaskGenome>? evaluator = null,
        TimeProvider? time = null) =>
        new(
            new GeneticAlgorithmSettings { PopulationSize = 24, Seed = seed },
            new GeneticOperators<MaskGenome>
            {
                Factory = new MaskGenomeFactory(OneMaxLayout, 0.3),
                Selection = new TournamentSelection(3),
                Crossover = new UniformCrossover<MaskGenome>(),
                Mutation = new BitFlipMutation(1.0 / 64),
                Reinsertion = new ElitistReinsertion(1),
                Termination = termination,
            },
            evaluator ?? OneMax(),
            time);

    /// <summary>The sphere function Σx² on [-5, 5]^5, minimised; the optimum is 0 at the origin.</summary>
    public static GeneticAlgorithm<RealGenome> SphereAlgorithm(ulong seed, long generations) =>
        new(
            new GeneticAlgorithmSettings { PopulationSize = 40, Seed = seed, Comparer = FitnessComparer.Minimize },
            new GeneticOperators<RealGenome>
            {
                Factory = new RealGenomeFactory(new GeneBounds<double>(5, -5.0, 5.0)),
                Selection = new TournamentSelection(2),
                Crossover = new BlendCrossover(0.5),
                Mutation = new GaussianMutation(0.2, 0.05),
                Reinsertion = new ElitistReinsertion(2),
                Termination = new GenerationNumberTermination(generations),
            },
            new FunctionEvaluator<RealGenome>(g => new FitnessInfo(Sphere(g))),
            new ManualTimeProvider());

    public static double Sphere(RealGenome genome)
    {
        var sum = 0.0;
        foreach (var x in genome.Genes)
        {
            sum += x * x;
        }

        return sum;
    }
}
