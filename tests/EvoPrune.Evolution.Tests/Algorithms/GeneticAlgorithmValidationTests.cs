using EvoPrune.Evolution.Algorithms;
using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Reinsertions;
using EvoPrune.Evolution.Selections;
using EvoPrune.Evolution.Terminations;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Algorithms;

public class GeneticAlgorithmValidationTests
{
    private static readonly GeneticAlgorithmSettings Valid = new() { PopulationSize = 4, Seed = 1 };

    public static TheoryData<GeneticAlgorithmSettings, string> InvalidSettings => new()
    {
        { Valid with { PopulationSize = 1 }, "PopulationSize must be at least 2, but was 1" },
        { Valid with { PopulationSize = -3 }, "PopulationSize must be at least 2" },
        { Valid with { OffspringCount = 0 }, "OffspringCount must be at least 1" },
        { Valid with { CrossoverProbability = 1.5 }, "CrossoverProbability must be a probability in [0, 1], but was 1.5" },
        { Valid with { MutationProbability = -0.1 }, "MutationProbability must be a probability in [0, 1]" },
        { Valid with { MutationProbability = double.NaN }, "MutationProbability must be a probability in [0, 1]" },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Constructor_ImpossibleSettings_ThrowsNamingTheSetting(GeneticAlgorithmSettings settings, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => Build(settings));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("settings", error.ParamName);
    }

    [Fact]
    public void Constructor_TournamentLargerThanPopulation_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Build(Valid, selection: new TournamentSelection(5)));

        Assert.Contains("Tournament size 5 exceeds the population size 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ElitesFillThePopulation_Throws() =>
        Assert.Throws<ArgumentException>(() => Build(Valid, reinsertion: new ElitistReinsertion(4)));

    [Fact]
    public void Constructor_PureReinsertionWithTooFewOffspring_Throws() =>
        Assert.Throws<ArgumentException>(() => Build(Valid with { OffspringCount = 3 }, reinsertion: new PureReinsertion()));

    [Fact]
    public void Constructor_MissingOperator_Throws() =>
        Assert.Throws<ArgumentException>(() => new GeneticAlgorithm<MaskGenome>(
            Valid,
            new GeneticOperators<MaskGenome>
            {
                Factory = new MaskGenomeFactory(Problems.OneMaxLayout, 0.5),
                Selection = null!,
                Crossover = new UniformCrossover<MaskGenome>(),
                Mutation = new BitFlipMutation(0.01),
                Reinsertion = new ElitistReinsertion(),
                Termination = new GenerationNumberTermination(1),
            },
            Problems.OneMax()));

    [Fact]
    public async Task RunAsync_OddOffspringCountWithFitnessBased_BreedsExactlyThatMany()
    {
        var algorithm = Build(Valid with { OffspringCount = 3 }, reinsertion: new FitnessBasedReinsertion());

        var final = await algorithm.RunAsync();

        Assert.All(final.History.Skip(1), h => Assert.Equal(3, h.Evaluations));
        Assert.Equal(4 + (3 * 2) + 1, final.NextGenomeId);
    }

    private static GeneticAlgorithm<MaskGenome> Build(
        GeneticAlgorithmSettings settings,
        ISelection? selection = null,
        IReinsertion? reinsertion = null) =>
        new(
            settings,
            new GeneticOperators<MaskGenome>
            {
                Factory = new MaskGenomeFactory(Problems.OneMaxLayout, 0.5),
                Selection = selection ?? new TournamentSelection(2),
                Crossover = new UniformCrossover<MaskGenome>(),
                Mutation = new BitFlipMutation(0.01),
                Reinsertion = reinsertion ?? new ElitistReinsertion(),
                Termination = new GenerationNumberTermination(2),
            },
            Problems.OneMax());
}
