using CsCheck;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Selections;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Selections;

public class SelectionInvariantTests
{
    public static TheoryData<string> SelectionNames => [.. Selections.Keys];

    private static readonly Dictionary<string, Func<int, ISelection>> Selections = new()
    {
        ["tournament-1"] = _ => new TournamentSelection(1),
        ["tournament-3"] = n => new TournamentSelection(Math.Min(3, n)),
        ["tournament-n"] = n => new TournamentSelection(n),
        ["roulette"] = _ => new RouletteWheelSelection(),
        ["sus"] = _ => new StochasticUniversalSamplingSelection(),
        ["rank-1"] = _ => new RankSelection(1.0),
        ["rank-2"] = _ => new RankSelection(2.0),
        ["truncation-0.3"] = _ => new TruncationSelection(0.3),
        ["elite"] = _ => new EliteSelection(),
    };

    [Theory]
    [MemberData(nameof(SelectionNames))]
    public void SelectIndices_AnyPopulation_RequestedCountOfMembers(string name) =>
        Gen.Select(Gens.FitnessList, Gen.Int[0, 60], Gens.Comparer, Gens.Seed).Sample((fitness, count, comparer, seed) =>
        {
            var picks = Selections[name](fitness.Length).SelectIndices(fitness, count, comparer, Streams.FromSeed(seed));

            Assert.Equal(count, picks.Count);
            Assert.All(picks, i => Assert.InRange(i, 0, fitness.Length - 1));
        });

    [Theory]
    [MemberData(nameof(SelectionNames))]
    public void SelectIndices_SameStream_SamePicks(string name) =>
        Gen.Select(Gens.FitnessList, Gens.Seed).Sample((fitness, seed) =>
        {
            var selection = Selections[name](fitness.Length);

            var first = selection.SelectIndices(fitness, 20, FitnessComparer.Maximize, Streams.FromSeed(seed));
            var second = selection.SelectIndices(fitness, 20, FitnessComparer.Maximize, Streams.FromSeed(seed));

            Assert.Equal(first, second);
        });

    [Theory]
    [MemberData(nameof(SelectionNames))]
    public void SelectIndices_EmptyPopulationOrNegativeCount_Throws(string name)
    {
        var selection = Selections[name](1);
        var random = Streams.Fixed("guard");

        Assert.Throws<ArgumentException>(() => selection.SelectIndices([], 1, FitnessComparer.Maximize, random));
        Assert.Throws<ArgumentOutOfRangeException>(() => selection.SelectIndices([new FitnessInfo(1)], -1, FitnessComparer.Maximize, random));
    }

    [Theory]
    [InlineData("roulette")]
    [InlineData("sus")]
    [InlineData("truncation-0.3")]
    [InlineData("elite")]
    public void SelectIndices_SomeValidFitness_NeverPicksAFailure(string name) =>
        Gen.Select(Gens.FitnessList.Where(f => f.Any(x => !x.IsFailed)), Gens.Comparer, Gens.Seed).Sample((fitness, comparer, seed) =>
        {
            // Truncation keeps ⌈0.3 n⌉: a failure is only reachable when fewer valid individuals than that exist.
            var validCount = fitness.Count(f => !f.IsFailed);
            if (name == "truncation-0.3" && validCount < Math.Ceiling(0.3 * fitness.Length))
            {
                return;
            }

            // Elite cycles through the whole ranking when asked for more than the valid individuals.
            var count = name == "elite" ? validCount : 30;
            var picks = Selections[name](fitness.Length).SelectIndices(fitness, count, comparer, Streams.FromSeed(seed));

            Assert.All(picks, i => Assert.False(fitness[i].IsFailed));
        });
}
