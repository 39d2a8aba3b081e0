using EvoPrune.Evolution.Algorithms;
using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Evaluation;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Reinsertions;
using EvoPrune.Evolution.Selections;
using EvoPrune.Evolution.Terminations;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Algorithms;

/// <summary>A pruning-shaped problem: find a hidden mask with fixed per-layer densities.</summary>
public class MaskEvolutionTests
{
    private static readonly MaskLayout Layout = new([40, 30, 10]);
    private static readonly double[] Densities = [0.25, 0.5, 0.8];

    [Fact]
    public async Task RunAsync_DensityPreservingOperators_EveryGenomeKeepsTheLayerDensitiesAndFindsTheTarget()
    {
        var factory = new MaskGenomeFactory(Layout, Densities);
        var target = factory.Create(Streams.Fixed("hidden-target"));
        var evaluated = new List<MaskGenome>();
        var evaluator = new FunctionEvaluator<MaskGenome>(g =>
        {
            evaluated.Add(g);
            var matches = 0;
            for (var i = 0; i < g.Length; i++)
            {
                matches += g[i] == target[i] ? 1 : 0;
            }

            return new FitnessInfo(matches).WithScore("density", g.Density);
        });
        var algorithm = new GeneticAlgorithm<MaskGenome>(
            new GeneticAlgorithmSettings { PopulationSize = 30, Seed = 77, MutationProbability = 0.5 },
            new GeneticOperators<MaskGenome>
            {
                Factory = factory,
                Selection = new TournamentSelection(3),
                Crossover = new DensityPreservingCrossover(),
                Mutation = new DensityPreservingSwapMutation(0.03),
                Reinsertion = new ElitistReinsertion(2),
                Termination = new OrTermination(new FitnessThresholdTermination(Layout.TotalLength), new GenerationNumberTermination(400)),
            },
            evaluator);

        var final = await algorithm.RunAsync();

        Assert.True(final.BestEver.Genome.HasSameGenes(target), $"Best {final.BestEver.Fitness} after {final.Generation} generations.");
        Assert.All(evaluated, g => Assert.Equal([10, 15, 8], Enumerable.Range(0, 3).Select(g.LayerKeptCount)));
        Assert.Equal(33.0 / 80, final.BestEver.Fitness.Score("density"));
    }
}
