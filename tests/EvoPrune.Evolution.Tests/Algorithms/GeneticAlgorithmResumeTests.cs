using System.Text.Json;
using EvoPrune.Evolution.Algorithms;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Terminations;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Algorithms;

public class GeneticAlgorithmResumeTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(11)]
    public async Task ResumeAsync_SnapshotAtGenerationK_IdenticalToUninterruptedRun(int k)
    {
        var uninterrupted = Problems.OneMaxAlgorithm(7, new GenerationNumberTermination(12), time: new ManualTimeProvider());
        GeneticAlgorithmSnapshot<MaskGenome>? checkpoint = null;
        uninterrupted.GenerationCompleted += (_, e) => checkpoint = e.Snapshot.Generation == k ? e.Snapshot : checkpoint;
        var expected = await uninterrupted.RunAsync();

        var resumed = await Problems.OneMaxAlgorithm(7, new GenerationNumberTermination(12), time: new ManualTimeProvider()).ResumeAsync(checkpoint!);

        RunAssert.Identical(expected, resumed);
    }

    [Fact]
    public async Task ResumeAsync_MaskSnapshotThroughJson_IdenticalToUninterruptedRun()
    {
        var expected = await Problems.OneMaxAlgorithm(9, new GenerationNumberTermination(10)).RunAsync();
        var stopped = await Problems.OneMaxAlgorithm(9, new GenerationNumberTermination(4)).RunAsync();

        var json = JsonSerializer.Serialize(stopped);
        var restored = JsonSerializer.Deserialize<GeneticAlgorithmSnapshot<MaskGenome>>(json)!;
        var resumed = await Problems.OneMaxAlgorithm(9, new GenerationNumberTermination(10)).ResumeAsync(restored);

        Assert.Equal(4, restored.Generation);
        Assert.Equal(stopped.Elapsed, restored.Elapsed);
        RunAssert.Identical(expected, resumed);
    }

    [Fact]
    public async Task ResumeAsync_RealSnapshotThroughJson_IdenticalToUninterruptedRun()
    {
        var expected = await Problems.SphereAlgorithm(11, 20).RunAsync();
        var stopped = await Problems.SphereAlgorithm(11, 8).RunAsync();

        var restored = JsonSerializer.Deserialize<GeneticAlgorithmSnapshot<RealGenome>>(JsonSerializer.Serialize(stopped))!;
        var resumed = await Problems.SphereAlgorithm(11, 20).ResumeAsync(restored);

        RunAssert.Identical(expected, resumed);
    }

    [Fact]
    public async Task StepAsync_ManualSteps_SameAsRunAsync()
    {
        var expected = await Problems.OneMaxAlgorithm(3, new GenerationNumberTermination(6)).RunAsync();
        var algorithm = Problems.OneMaxAlgorithm(3, new GenerationNumberTermination(6));

        var snapshot = await algorithm.InitializeAsync();
        while (!algorithm.ShouldTerminate(snapshot))
        {
            snapshot = await algorithm.StepAsync(snapshot);
        }

        RunAssert.Identical(expected, snapshot);
    }

    [Fact]
    public async Task ResumeAsync_SnapshotOfAnotherSeed_Throws()
    {
        var snapshot = await Problems.OneMaxAlgorithm(1, new GenerationNumberTermination(1)).RunAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => Problems.OneMaxAlgorithm(2, new GenerationNumberTermination(3)).ResumeAsync(snapshot));

        Assert.Equal("snapshot", error.ParamName);
    }

    [Fact]
    public async Task ResumeAsync_FinishedSnapshot_ReturnsItUnchanged()
    {
        var done = await Problems.OneMaxAlgorithm(1, new GenerationNumberTermination(2)).RunAsync();

        var again = await Problems.OneMaxAlgorithm(1, new GenerationNumberTermination(2)).ResumeAsync(done);

        Assert.Same(done, again);
    }
}
