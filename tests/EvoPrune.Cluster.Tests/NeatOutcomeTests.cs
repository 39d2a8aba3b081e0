using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Evolution.Neat;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Tests;

/// <summary>Which genome solved a NEAT run, and the line the console prints about it.</summary>
public class NeatOutcomeTests
{
    private static readonly NeatKind Kind = new(Options.Create(new EngineOptions()));

    private static ScoredGenome Member(int index, double fitness, bool solved, string? failure = null) =>
        new(new GenomeRecord($"main-g3-{index}", "main", 3, index, []),
            new FitnessReport($"main-g3-{index}", fitness, new Dictionary<string, double> { [SuccessTest.ScoreName] = solved ? 1 : 0 }, failure, "silo", "cpu", 0));

    private static GenerationSummary Summary(int generation, int solved = 0, string? by = null) =>
        new GenerationSummary(generation, "main", 12, 6, "main-g0-0", "1 hidden nodes, 4 connections", 150, 0, new Dictionary<string, int>())
        {
            Solved = solved, SolvedBy = by, SolvedFitness = by == null ? double.NaN : 15.25, SolvedSummary = by == null ? null : "3 hidden nodes, 11 connections",
        };

    [Fact]
    public void Solver_FitterGenomeFailsTheTest_NamesTheFittestThatPassed()
    {
        var solver = SuccessTest.Solver([Member(0, 15.9, solved: false), Member(1, 9.0, solved: true), Member(2, 12.5, solved: true), Member(3, 11.0, solved: false)]);

        Assert.Equal("main-g3-2", solver?.Genome.Id);
    }

    [Fact]
    public void Solver_EqualFitness_NamesTheFirstProposedNotTheFirstById()
    {
        // "main-g3-10" sorts before "main-g3-9" by id; NeatAlgorithm.Run's champion is the first in population order.
        var solver = SuccessTest.Solver([Member(10, 14.0, solved: true), Member(9, 14.0, solved: true), Member(11, 14.0, solved: true)]);

        Assert.Equal("main-g3-9", solver?.Genome.Id);
    }

    [Fact]
    public void Solver_NonePassedOrOnlyAFailedEvaluationClaims_Null()
    {
        Assert.Null(SuccessTest.Solver([Member(0, 15.9, solved: false), Member(1, FitnessReport.WorstFitness, solved: true, failure: "NaN")]));
    }

    [Fact]
    public void DescribeOutcome_SolvedInAGeneration_NamesItsGenerationGenomeFitnessAndStructure()
    {
        var history = new[] { Summary(0), Summary(1, solved: 2, by: "main-g1-117"), Summary(2, solved: 5, by: "main-g2-3") };

        var line = Kind.DescribeOutcome(Spec(), RunPhase.Completed, history);

        Assert.Equal("solved: generation 1 by genome main-g1-117 (fitness 15.2500, 3 hidden nodes, 11 connections)", line);
    }

    [Fact]
    public void DescribeOutcome_CompletedWithoutASolution_SaysNotSolvedWithinItsGenerations()
    {
        Assert.Equal("not solved within 3 generations", Kind.DescribeOutcome(Spec(), RunPhase.Completed, [Summary(0), Summary(1), Summary(2)]));
        Assert.Null(Kind.DescribeOutcome(Spec(), RunPhase.Stopped, [Summary(0), Summary(1)]));
    }

    [Fact]
    public void DescribeOutcome_HistoryWrittenBeforeSolversWereRecorded_SaysHowManyPassed()
    {
        Assert.Equal("solved: generation 1 (4 genome(s) passed the success test)", Kind.DescribeOutcome(Spec(), RunPhase.Completed, [Summary(0), Summary(1, solved: 4)]));
    }

    [Fact]
    public void DescribeOutcome_OtherKinds_SayNothing()
    {
        IGenomeKind other = new Kinds.SparseMask.SparseMaskKind(Options.Create(new EngineOptions()));

        Assert.Null(other.DescribeOutcome(Spec(), RunPhase.Completed, [Summary(0, solved: 1, by: "main-g0-1")]));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(0.0, 1)]
    [InlineData(1e-6, 0)]
    public void Evaluate_FitnessAtTheConfiguredThreshold_CountsAsSolvedAsInTheInProcessLoop(double? aboveFitness, double expected)
    {
        // A start genome (no hidden node) cannot pass XOR's own test; only the threshold can make it a solution.
        var genome = new NeatAlgorithm(new NeatSettings(), new Evolution.Neat.Tasks.XorTask(), 5).Breed()[0];
        var fitness = new Evolution.Neat.Tasks.XorTask().Evaluate(Evolution.Neat.Phenotypes.NetworkFactory.Create(genome, new NeatSettings())).Fitness;
        var spec = Spec(new NeatRunSettings { Task = "xor", Neat = new NeatSettings { FitnessThreshold = fitness + aboveFitness } });
        using var evaluator = Kind.CreateEvaluator(spec, new EvaluationHost("silo", Learning.Devices.DeviceSpec.Cpu, []));

        var report = evaluator.Evaluate(new WorkItem(spec.RunId, 0, new GenomeRecord("main-g0-0", "main", 0, 0, NeatGenomeCodec.Encode(genome)), 1), CancellationToken.None);

        Assert.Equal(fitness, report.Fitness);
        Assert.Equal(expected, report.Scores[SuccessTest.ScoreName]);
    }

    private static RunSpec Spec(NeatRunSettings? settings = null) =>
        new($"neat-outcome-{Guid.NewGuid():N}", NeatKind.KindName, 5, 60, 150, ["main"], JsonSerializer.Serialize(settings ?? new NeatRunSettings(), NeatKind.Json), "test");
}
