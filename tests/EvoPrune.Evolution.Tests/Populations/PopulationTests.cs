using System.Text.Json;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;

namespace EvoPrune.Evolution.Tests.Populations;

public class PopulationTests
{
    [Fact]
    public void Best_Ties_TheEarliestWins()
    {
        var population = Make(3, [1.0, 5.0, 5.0, double.NaN]);

        Assert.Equal(2, population.Best(FitnessComparer.Maximize).Id);
        Assert.Equal(1, population.Best(FitnessComparer.Minimize).Id);
    }

    [Fact]
    public void Compute_SomeFailures_MeanOverValidAndFailuresCounted()
    {
        var statistics = GenerationStatistics.Compute(Make(3, [1.0, double.NaN, 5.0]), FitnessComparer.Maximize, evaluations: 2);

        Assert.Equal(new GenerationStatistics(3, new FitnessInfo(5.0), 3, 3.0, 1, 2), statistics);
    }

    [Fact]
    public void Compute_AllFailed_MeanIsNaNAndRoundTripsThroughJson()
    {
        var statistics = GenerationStatistics.Compute(Make(0, [double.NaN, double.NaN]), FitnessComparer.Maximize, evaluations: 2);

        var back = JsonSerializer.Deserialize<GenerationStatistics>(JsonSerializer.Serialize(statistics));

        Assert.True(double.IsNaN(statistics.MeanFitness));
        Assert.Equal(2, statistics.FailedCount);
        Assert.Equal(statistics, back);
    }

    [Fact]
    public void Constructor_EmptyOrNegativeGeneration_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Population<IntegerGenome>(0, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => Make(-1, [1.0]));
        Assert.Throws<ArgumentNullException>(() => new Individual<IntegerGenome>(new IntegerGenome([1]), null!));
    }

    private static Population<IntegerGenome> Make(long generation, double[] fitness) =>
        new(generation, [.. fitness.Select((f, i) => new Individual<IntegerGenome>(new IntegerGenome([i], id: i + 1), new FitnessInfo(f)))]);
}
