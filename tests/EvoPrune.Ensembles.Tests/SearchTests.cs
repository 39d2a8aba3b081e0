using System.Text.Json;
using CsCheck;
using EvoPrune.Ensembles.Fitness;
using EvoPrune.Ensembles.Search;

namespace EvoPrune.Ensembles.Tests;

public class SearchTests
{
    private static readonly bool[] Target = [true, false, true, true, false, false, true, false, false, true, false, false];

    private static IReadOnlyList<double> NegativeHamming(IReadOnlyList<bool[]> vectors) =>
        vectors.Select(v => -(double)v.Where((bit, i) => bit != Target[i]).Count()).ToArray();

    public static TheoryData<string> Names => new(SubsetSearches.Names);

    [Fact]
    public void Update_AnyFitness_UmdaProbabilitiesStayClamped()
    {
        var umda = new Umda(new SearchOptions { PopulationSize = 8, Generations = 3 });
        Gen.Select(Gen.Int[2, 20], Gen.ULong, Gen.ULong).Sample((m, seed, fitnessSeed) =>
        {
            var fitness = RandomFitness(8, fitnessSeed);
            var state = umda.Initialize(m, seed);
            for (var g = 0; g < 3; g++)
            {
                state = umda.Update(state, umda.Propose(state), fitness);
                Assert.All(state.Probabilities, p => Assert.InRange(p, (1.0 / m) - 1e-12, 1 - (1.0 / m) + 1e-12));
            }
        });
    }

    [Fact]
    public void Update_AnyFitness_PbilProbabilitiesStayInUnitInterval()
    {
        var pbil = new Pbil(new SearchOptions { PopulationSize = 6, Generations = 5, PbilLearningRate = 0.7 });
        Gen.Select(Gen.Int[1, 20], Gen.ULong, Gen.ULong).Sample((m, seed, fitnessSeed) =>
        {
            var fitness = RandomFitness(6, fitnessSeed);
            var state = pbil.Initialize(m, seed);
            for (var g = 0; g < 5; g++)
            {
                state = pbil.Update(state, pbil.Propose(state), fitness);
                Assert.All(state.Probabilities, p => Assert.InRange(p, 0.0, 1.0));
            }
        });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Run_HammingTarget_FindsTarget(string name)
    {
        var search = SubsetSearches.Create(name, new SearchOptions { PopulationSize = 30, Generations = 30 });
        var result = search.Run(Target.Length, NegativeHamming, 11);
        Assert.Equal(900, result.Evaluations);
        if (name != "random")
        {
            Assert.Equal(Target, result.BestMask);
            Assert.Equal(0, result.BestFitness);
        }
    }

    [Fact]
    public void Run_HammingTarget_UmdaProbabilitiesConvergeToTarget()
    {
        var umda = new Umda(new SearchOptions { PopulationSize = 30, Generations = 25 });
        var state = umda.Continue(umda.Initialize(Target.Length, 5), NegativeHamming);
        for (var i = 0; i < Target.Length; i++)
        {
            Assert.Equal(Target[i], state.Probabilities[i] > 0.5);
        }
    }

    [Fact]
    public void Run_FabricatedPool_UmdaSelectsGoodMembers()
    {
        var pool = TestData.Fabricated(members: 15, good: 3);
        var fitness = new EnsembleFitness(pool);
        var result = new Umda(new SearchOptions { PopulationSize = 20, Generations = 15 }).Run(pool.Size, fitness.EvaluateAll, 3);
        Assert.Equal(1.0, result.BestFitness);
        Assert.Contains(true, result.BestMask.Take(3));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Run_SameSeed_IdenticalResult(string name)
    {
        var options = new SearchOptions { PopulationSize = 10, Generations = 6, Initialization = SearchInitialization.SeededTopK };
        var accuracies = Enumerable.Range(0, Target.Length).Select(i => i / 20.0).ToArray();
        var a = SubsetSearches.Create(name, options).Run(Target.Length, NegativeHamming, 42, accuracies);
        var b = SubsetSearches.Create(name, options).Run(Target.Length, NegativeHamming, 42, accuracies);
        var c = SubsetSearches.Create(name, options).Run(Target.Length, NegativeHamming, 43, accuracies);
        Assert.Equal(a.BestMask, b.BestMask);
        Assert.Equal(a.BestFitness, b.BestFitness);
        Assert.Equal(Propose(name, 42), Propose(name, 42));
        Assert.NotEqual(Propose(name, 42), Propose(name, 43));
        Assert.Equal(a.Evaluations, c.Evaluations);
    }

    [Fact]
    public void Continue_UmdaStateSerializedMidway_MatchesUninterruptedRun() =>
        AssertResumeIdentical(new Umda(new SearchOptions { PopulationSize = 10, Generations = 8, Initialization = SearchInitialization.AccuracyBiased }));

    [Fact]
    public void Continue_PbilStateSerializedMidway_MatchesUninterruptedRun() =>
        AssertResumeIdentical(new Pbil(new SearchOptions { PopulationSize = 10, Generations = 8 }));

    [Fact]
    public void Continue_GaStateSerializedMidway_MatchesUninterruptedRun() =>
        AssertResumeIdentical(new GeneticSearch(new SearchOptions { PopulationSize = 10, Generations = 8, Initialization = SearchInitialization.SeededTopK }));

    [Fact]
    public void Continue_RandomStateSerializedMidway_MatchesUninterruptedRun() =>
        AssertResumeIdentical(new RandomSearch(new SearchOptions { PopulationSize = 10, Generations = 8 }));

    [Fact]
    public void Initialize_SeededTopK_FirstProposalsAreTopSingletonsAndUnion()
    {
        var umda = new Umda(new SearchOptions { PopulationSize = 10, Generations = 2, Initialization = SearchInitialization.SeededTopK, SeedTopK = 2 });
        var proposals = umda.Propose(umda.Initialize(4, 1, [0.5, 0.9, 0.7, 0.1]));
        Assert.Equal([false, true, false, false], proposals[0]);
        Assert.Equal([false, false, true, false], proposals[1]);
        Assert.Equal([false, true, true, false], proposals[2]);
    }

    private static double[] RandomFitness(int count, ulong seed)
    {
        var random = EvoPrune.Evolution.Randomness.RandomSources.For(seed, -1, -1, "fitness");
        return Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * 4)).ToArray();
    }

    private static string Propose(string name, ulong seed) => SubsetSearches.Create(name, new SearchOptions { PopulationSize = 10 }) switch
    {
        Umda u => JsonSerializer.Serialize(u.Propose(u.Initialize(12, seed))),
        Pbil p => JsonSerializer.Serialize(p.Propose(p.Initialize(12, seed))),
        GeneticSearch g => JsonSerializer.Serialize(g.Propose(g.Initialize(12, seed))),
        RandomSearch r => JsonSerializer.Serialize(r.Propose(r.Initialize(12, seed))),
        _ => throw new InvalidOperationException(),
    };

    private static void AssertResumeIdentical<TState>(SubsetSearch<TState> search)
        where TState : SearchState
    {
        var accuracies = Enumerable.Range(0, Target.Length).Select(i => (i * 7 % 5) / 5.0).ToArray();
        var uninterrupted = search.Continue(search.Initialize(Target.Length, 9, accuracies), NegativeHamming);

        var state = search.Initialize(Target.Length, 9, accuracies);
        for (var g = 0; g < 4; g++)
        {
            var proposals = search.Propose(state);
            state = search.Update(state, proposals, NegativeHamming(proposals));
        }

        var json = JsonSerializer.Serialize(state);
        var restored = JsonSerializer.Deserialize<TState>(json)!;
        Assert.Equal(json, JsonSerializer.Serialize(restored));
        var resumed = search.Continue(restored, NegativeHamming);
        Assert.Equal(JsonSerializer.Serialize(uninterrupted), JsonSerializer.Serialize(resumed));
        Assert.Equal(search.Options.Budget, resumed.Evaluations);
    }
}
