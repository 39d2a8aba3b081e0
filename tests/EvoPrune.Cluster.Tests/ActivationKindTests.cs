using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds;
using EvoPrune.Cluster.Kinds.Activations;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Evolution.Cgp;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Tests;

/// <summary>
/// The activation-function search on the engine path: strategies driven generation by generation the way the run
/// grain drives them (partners are the other populations' best members), with made-up fitness for the budget and
/// schedule checks and real training on USPS for the improvement check.
/// </summary>
public class ActivationKindTests
{
    private static readonly EvaluationHost Host = new("test-silo", DeviceSpec.Cpu, []);

    [Theory]
    [InlineData(ActivationSettings.Coevolution, 3, 27)]
    [InlineData(ActivationSettings.EvoSingle, 3, 33)]
    [InlineData(ActivationSettings.EvoTriple, 3, 33)]
    [InlineData(ActivationSettings.RandomSearch, 3, 33)]
    [InlineData(ActivationSettings.PerLayer, 3, 33)]
    [InlineData(ActivationSettings.Standard, 3, 8)]
    public void Drive_EachMethod_SpendsItsBudgetThenProposesOneFinalTriple(string method, int iterations, int evaluations)
    {
        var settings = new ActivationSettings { Method = method, Iterations = iterations };
        var (proposed, finals) = Drive(settings, FakeFitness);

        Assert.Equal(evaluations, settings.SearchEvaluations);
        Assert.Equal(evaluations, proposed.Count(p => p.Generation < settings.SearchGenerations));
        Assert.Single(finals);
        Assert.True(ActivationKind.Decode(finals[0]).Final);
        Assert.All(proposed, p => Assert.Equal(3, ActivationKind.Decode(p.Genome).Functions.Count));
    }

    [Fact]
    public void Drive_CodeFaithfulRandomSearch_HasTheSourcesSmallerBudget()
    {
        var settings = new ActivationSettings { Method = ActivationSettings.RandomSearch, Iterations = 4, RandomBudget = "code-faithful" };

        var (proposed, _) = Drive(settings, FakeFitness);

        Assert.Equal(1 + (3 * 4), proposed.Count(p => p.Generation < settings.SearchGenerations));
    }

    [Fact]
    public void Drive_Coevolution_PopulationsBreedInTurnWithTheOthersIncumbents()
    {
        var settings = new ActivationSettings { Method = ActivationSettings.Coevolution, Iterations = 3 };
        var (proposed, finals) = Drive(settings, FakeFitness, out var bestAfter);

        foreach (var (generation, population, genome) in proposed.Where(p => p.Generation < settings.SearchGenerations))
        {
            var slot = ActivationSettings.Slots.ToList().IndexOf(population);
            Assert.Equal(generation / 3, slot);
            var candidate = ActivationKind.Decode(genome);
            Assert.Equal(slot, candidate.Slot);
            Assert.StartsWith(CgpProgram.Prefix, candidate.Functions[slot], StringComparison.Ordinal);
            for (var other = 0; other < 3; other++)
            {
                // Slots of populations that have not run hold the default; the others hold that population's incumbent.
                var expected = other > slot ? "relu" : other == slot ? candidate.Functions[slot] : ActivationKind.Decode(bestAfter[(generation - 1, ActivationSettings.Slots[other])]!.Genome).Functions[other];
                Assert.Equal(expected, candidate.Functions[other]);
            }
        }

        var final = ActivationKind.Decode(finals[0]);
        var last = settings.SearchGenerations - 1;
        Assert.Equal([.. Enumerable.Range(0, 3).Select(i => ActivationKind.Decode(bestAfter[(last, ActivationSettings.Slots[i])]!.Genome).Functions[i])], final.Functions);
    }

    [Fact]
    public void Accept_ChildTiesParent_ChildBecomesTheParent_FailedChildNever()
    {
        var spec = Spec(new ActivationSettings { Method = ActivationSettings.EvoSingle, Iterations = 2 });
        var strategy = Kind().CreateStrategy(spec);
        var parent = Scored(strategy.Propose("search", 0, [], []).Genomes[0], 0.5);
        var children = strategy.Propose("search", 1, [parent], []).Genomes;

        var tie = strategy.Accept("search", 1, [parent], [Scored(children[0], 0.4), Scored(children[1], 0.5)]);
        var failed = strategy.Accept("search", 1, [parent], [Scored(children[0], 0.4) with { Report = FitnessReport.ForFailure(children[0].Id, "diverged", "s", "cpu", 0) }]);

        Assert.Equal(children[1].Id, Assert.Single(tie).Genome.Id);
        Assert.Equal(parent.Genome.Id, Assert.Single(failed).Genome.Id);
    }

    [Fact]
    public void Validate_WrongGenerationsOrPopulations_ThrowsSayingWhatTheMethodRuns()
    {
        var settings = new ActivationSettings { Method = ActivationSettings.Coevolution, Iterations = 2, Data = new DataSpec { Dataset = "usps", MaxTrain = 100 } };
        var good = Spec(settings);

        Kind().Validate(good);
        Assert.Contains("runs 7 generations", Assert.Throws<ArgumentException>(() => Kind().Validate(good with { Generations = 5 })).Message, StringComparison.Ordinal);
        Assert.Contains("runs populations [input, hidden, output]", Assert.Throws<ArgumentException>(() => Kind().Validate(good with { Populations = ["main"] })).Message, StringComparison.Ordinal);
        Assert.Contains("unknown activation 'swishy'", Assert.Throws<ArgumentException>(() => Kind().Validate(Spec(settings with { StandardFunctions = ["relu", "swishy"] }))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Coevolution_RealTrainingOnUsps_ImprovesValidationAccuracyOverGenerations()
    {
        var settings = new ActivationSettings
        {
            Method = ActivationSettings.Coevolution,
            Iterations = 3,
            MiniEpochs = 2,
            FinalEpochs = 2,
            Data = new DataSpec { Dataset = "usps", ValidationFraction = 0.3, MaxTrain = 600, MaxValidation = 300, MaxTest = 300 },
        };
        var spec = Spec(settings);
        var kind = Kind();
        kind.Validate(spec);
        using var evaluator = kind.CreateEvaluator(spec, Host);
        var (_, finals) = Drive(settings, Evaluate, out var bestAfter, spec);

        var best = bestAfter.Where(b => b.Value != null).ToDictionary(b => b.Key, b => b.Value!);
        var firstBest = best[(0, "input")].Report.Fitness;
        var lastBest = ActivationSettings.Slots.Max(s => best[(settings.SearchGenerations - 1, s)].Report.Fitness);
        Assert.True(lastBest > firstBest, $"best validation accuracy {firstBest} after the first generation, {lastBest} after the search");
        var finalReport = evaluator.Evaluate(new WorkItem(spec.RunId, settings.SearchGenerations, finals[0], 1), CancellationToken.None);
        Assert.InRange(finalReport.Scores["test_accuracy"], 0.3, 1);
        Assert.True(finalReport.Scores["test_accuracy_max"] >= finalReport.Scores["test_accuracy"]);

        FitnessReport Evaluate(GenomeRecord genome)
        {
            var report = evaluator.Evaluate(new WorkItem(spec.RunId, genome.Born, genome, 1), CancellationToken.None);
            Assert.Null(report.Failure);
            return report;
        }
    }

    private static FitnessReport FakeFitness(GenomeRecord genome) =>
        new(genome.Id, genome.Id.Aggregate(17L, (h, c) => ((h * 31) + c) % 1_000_003) % 1000 / 1000.0, new Dictionary<string, double>(), null, "s", "cpu", 0);

    private static (List<(int Generation, string Population, GenomeRecord Genome)> Proposed, List<GenomeRecord> Finals) Drive(ActivationSettings settings, Func<GenomeRecord, FitnessReport> evaluate) =>
        Drive(settings, evaluate, out _);

    // Runs the strategy the way RunGrain and PopulationGrain do: partners are the other populations' best members.
    private static (List<(int Generation, string Population, GenomeRecord Genome)> Proposed, List<GenomeRecord> Finals) Drive(
        ActivationSettings settings, Func<GenomeRecord, FitnessReport> evaluate, out Dictionary<(int, string), ScoredGenome?> bestAfter, RunSpec? spec = null)
    {
        spec ??= Spec(settings);
        var strategy = (ICoevolutionStrategy)Kind().CreateStrategy(spec);
        var members = settings.Populations.ToDictionary(p => p, _ => (IReadOnlyList<ScoredGenome>)[]);
        var proposed = new List<(int, string, GenomeRecord)>();
        var finals = new List<GenomeRecord>();
        bestAfter = [];
        for (var generation = 0; generation < settings.Generations; generation++)
        {
            var partners = members.Where(m => m.Value.Count > 0).ToDictionary(m => m.Key, m => m.Value.OrderByDescending(s => s.Report.Fitness).First());
            foreach (var population in settings.Populations)
            {
                var (genomes, _) = strategy.Propose(population, generation, members[population], [], partners.Where(p => p.Key != population).ToDictionary());
                if (generation == settings.SearchGenerations)
                {
                    finals.AddRange(genomes);
                    continue;
                }

                proposed.AddRange(genomes.Select(g => (generation, population, g)));
                members[population] = strategy.Accept(population, generation, members[population], [.. genomes.Select(g => new ScoredGenome(g, evaluate(g)))]);
                bestAfter[(generation, population)] = members[population].FirstOrDefault();
            }
        }

        return (proposed, finals);
    }

    private static ScoredGenome Scored(GenomeRecord genome, double fitness) =>
        new(genome, new FitnessReport(genome.Id, fitness, new Dictionary<string, double>(), null, "s", "cpu", 0));

    private static ActivationKind Kind()
    {
        var options = new EngineOptions();
        if (Environment.GetEnvironmentVariable("EVOPRUNE_DATA") is { Length: > 0 } data)
        {
            options.DataDirectories.Add(data);
        }

        return new ActivationKind(Options.Create(options));
    }

    private static RunSpec Spec(ActivationSettings settings) =>
        new("activations-test", ActivationKind.KindName, 3, settings.Generations, Math.Max(2, settings.Lambda), settings.Populations, JsonSerializer.Serialize(settings, KindSupport.Json), "test.yaml");
}
