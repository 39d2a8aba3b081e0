using EvoPrune.Evolution.Evaluation;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Terminations;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Algorithms;

public class GeneticAlgorithmTests
{
    [Fact]
    public async Task RunAsync_OneMax_ReachesTheOptimum()
    {
        var algorithm = Problems.OneMaxAlgorithm(1, new OrTermination(new FitnessThresholdTermination(64), new GenerationNumberTermination(300)));

        var final = await algorithm.RunAsync();

        Assert.Equal(64, final.BestEver.Fitness.Primary);
        Assert.True(final.BestEver.Genome.Bits.IndexOf(false) < 0);
        Assert.InRange(final.Generation, 1, 299);
        Assert.True(final.History[0].Best.Primary < 40, "The initial population should start far from the optimum.");
    }

    [Fact]
    public async Task RunAsync_Elitist_BestNeverGetsWorse()
    {
        var final = await Problems.OneMaxAlgorithm(2, new GenerationNumberTermination(40)).RunAsync();

        var bests = final.History.Select(h => h.Best.Primary).ToArray();
        Assert.Equal(bests.Order(), bests);
        Assert.True(bests[^1] > bests[0] + 10);
        Assert.All(final.History, h => Assert.True(h.MeanFitness <= h.Best.Primary));
    }

    [Fact]
    public async Task RunAsync_Sphere_ConvergesNearTheOrigin()
    {
        var final = await Problems.SphereAlgorithm(3, 150).RunAsync();

        Assert.True(final.History[0].Best.Primary > 0.5, $"Initial best sphere value {final.History[0].Best.Primary}.");
        Assert.True(final.BestEver.Fitness.Primary < 1e-3, $"Best sphere value {final.BestEver.Fitness.Primary}.");
        Assert.All(final.BestEver.Genome.Genes.ToArray(), x => Assert.InRange(x, -0.05, 0.05));
    }

    [Fact]
    public async Task RunAsync_SameSeed_IdenticalFinalPopulation()
    {
        var first = await Problems.OneMaxAlgorithm(42, new GenerationNumberTermination(15)).RunAsync();
        var second = await Problems.OneMaxAlgorithm(42, new GenerationNumberTermination(15)).RunAsync();

        RunAssert.Identical(first, second);
    }

    [Fact]
    public async Task RunAsync_OtherSeed_DifferentPopulation()
    {
        var first = await Problems.OneMaxAlgorithm(42, new GenerationNumberTermination(5)).RunAsync();
        var second = await Problems.OneMaxAlgorithm(43, new GenerationNumberTermination(5)).RunAsync();

        var shared = first.Population.Individuals.Count(a => second.Population.Individuals.Any(b => a.Genome.HasSameGenes(b.Genome)));
        Assert.True(shared < first.Population.Count / 2, $"{shared} genomes in common.");
    }

    [Fact]
    public async Task RunAsync_AnyRun_EveryGenomeGetsAFreshIdAndOneEvaluation()
    {
        var seen = new List<long>();
        var contexts = new List<EvaluationContext>();
        var evaluator = new FunctionEvaluator<MaskGenome>((genome, context) =>
        {
            seen.Add(genome.Id);
            if (contexts.Count == 0 || contexts[^1] != context)
            {
                contexts.Add(context);
            }

            return new FitnessInfo(genome.KeptCount);
        });

        var final = await Problems.OneMaxAlgorithm(5, new GenerationNumberTermination(6), evaluator).RunAsync();

        Assert.Equal(Enumerable.Range(1, seen.Count).Select(i => (long)i), seen);
        Assert.Equal(seen.Count + 1, final.NextGenomeId);
        Assert.Equal(Enumerable.Range(0, 7).Select(g => new EvaluationContext(5, g)), contexts);
        Assert.Equal(24 * 7, final.History.Sum(h => h.Evaluations));
    }

    [Fact]
    public async Task RunAsync_SomeEvaluationsFail_FailuresNeverBestAndCounted()
    {
        var evaluator = new FunctionEvaluator<MaskGenome>(g =>
            g.Id % 3 == 0 ? FitnessInfo.Failed("diverged") : new FitnessInfo(g.KeptCount));

        var final = await Problems.OneMaxAlgorithm(8, new GenerationNumberTermination(10), evaluator).RunAsync();

        Assert.False(final.BestEver.Fitness.IsFailed);
        Assert.Equal(8, final.History[0].FailedCount);
        var initial = final.History[0];
        Assert.False(double.IsNaN(initial.MeanFitness));
        Assert.All(final.History, h => Assert.False(h.Best.IsFailed));
    }

    [Fact]
    public async Task RunAsync_EvaluatorReturnsTooFewResults_Throws()
    {
        var evaluator = new CountingEvaluator(dropLast: true);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Problems.OneMaxAlgorithm(1, new GenerationNumberTermination(3), evaluator).RunAsync());

        Assert.Contains("23 fitness values for 24 genomes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An evaluator that can misbehave.</summary>
    private sealed class CountingEvaluator(bool dropLast) : IEvaluator<MaskGenome>
    {
        public Task<IReadOnlyList<FitnessInfo>> EvaluateAsync(IReadOnlyList<MaskGenome> genomes, EvaluationContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FitnessInfo>>([.. genomes.Take(genomes.Count - (dropLast ? 1 : 0)).Select(g => new FitnessInfo(g.KeptCount))]);
    }
}
