using EvoPrune.Evolution.Algorithms;
using EvoPrune.Evolution.Evaluation;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;
using EvoPrune.Evolution.Terminations;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Algorithms;

public class GeneticAlgorithmEventsTests
{
    [Fact]
    public async Task GenerationCompleted_Run_OncePerGenerationWithBestAndMean()
    {
        var algorithm = Problems.OneMaxAlgorithm(4, new GenerationNumberTermination(5));
        var events = new List<GenerationCompletedEventArgs<MaskGenome>>();
        algorithm.GenerationCompleted += (_, e) => events.Add(e);

        await algorithm.RunAsync();

        Assert.Equal([0L, 1, 2, 3, 4, 5], events.Select(e => e.Statistics.Generation));
        Assert.Equal([false, false, false, false, false, true], events.Select(e => e.IsFinal));
        foreach (var e in events)
        {
            var kept = e.Snapshot.Population.Individuals.Select(i => (double)i.Genome.KeptCount).ToArray();
            Assert.Equal(kept.Max(), e.Statistics.Best.Primary);
            Assert.Equal(kept.Average(), e.Statistics.MeanFitness, 1e-12);
        }
    }

    [Fact]
    public async Task RunAsync_Progress_ReportsEveryGenerationInOrder()
    {
        var progress = new ListProgress();

        var final = await Problems.OneMaxAlgorithm(4, new GenerationNumberTermination(5)).RunAsync(progress);

        Assert.Equal(final.History, progress.Reports);
    }

    [Fact]
    public async Task RunAsync_CancelledBetweenGenerations_ThrowsAndStops()
    {
        using var cancellation = new CancellationTokenSource();
        var algorithm = Problems.OneMaxAlgorithm(4, new GenerationNumberTermination(50));
        var last = -1L;
        algorithm.GenerationCompleted += (_, e) =>
        {
            last = e.Snapshot.Generation;
            if (last == 2)
            {
                cancellation.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => algorithm.RunAsync(cancellationToken: cancellation.Token));

        Assert.Equal(2, last);
    }

    [Fact]
    public async Task RunAsync_WallTimeWithManualClock_StopsAtTheFirstGenerationPastTheLimit()
    {
        var clock = new ManualTimeProvider();
        var evaluator = new SlowEvaluator(clock, TimeSpan.FromSeconds(1));

        var final = await Problems.OneMaxAlgorithm(4, new WallTimeTermination(TimeSpan.FromSeconds(5)), evaluator, clock).RunAsync();

        // Generation g ends after g + 1 one-second batches.
        Assert.Equal(4, final.Generation);
        Assert.Equal(TimeSpan.FromSeconds(5), final.Elapsed);
    }

    [Fact]
    public async Task RunAsync_Stagnation_StopsExactlyAfterTheWindow()
    {
        // A flat landscape: nothing ever improves on generation 0.
        var evaluator = new FunctionEvaluator<MaskGenome>(_ => new FitnessInfo(1));

        var final = await Problems.OneMaxAlgorithm(4, new FitnessStagnationTermination(6), evaluator).RunAsync();

        Assert.Equal(6, final.Generation);
    }

    [Fact]
    public async Task RunAsync_Threshold_StopsAtTheFirstGenerationThatReachesIt()
    {
        var final = await Problems.OneMaxAlgorithm(6, new FitnessThresholdTermination(50)).RunAsync();

        Assert.True(final.History[^1].Best.Primary >= 50);
        Assert.All(final.History.SkipLast(1), h => Assert.True(h.Best.Primary < 50));
    }

    /// <summary>Takes <paramref name="perBatch"/> of manual-clock time for each batch.</summary>
    private sealed class SlowEvaluator(ManualTimeProvider clock, TimeSpan perBatch) : IEvaluator<MaskGenome>
    {
        public Task<IReadOnlyList<FitnessInfo>> EvaluateAsync(IReadOnlyList<MaskGenome> genomes, EvaluationContext context, CancellationToken cancellationToken)
        {
            clock.Advance(perBatch);
            return Task.FromResult<IReadOnlyList<FitnessInfo>>([.. genomes.Select(g => new FitnessInfo(g.KeptCount))]);
        }
    }

    private sealed class ListProgress : IProgress<GenerationStatistics>
    {
        public List<GenerationStatistics> Reports { get; } = [];

        public void Report(GenerationStatistics value) => Reports.Add(value);
    }
}
