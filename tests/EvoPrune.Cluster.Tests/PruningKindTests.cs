using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Pruning;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Pruning;
using EvoPrune.Learning.Training;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Tests;

/// <summary>
/// The pruning methods on the engine path: the kinds' strategies propose genomes and their evaluators (what every
/// silo's worker calls) train them on USPS digits with a tiny MLP.
/// </summary>
public class PruningKindTests
{
    private static readonly EvaluationHost Host = new("test-silo", DeviceSpec.Cpu, []);

    private static readonly DataSpec TinyData = new() { Dataset = "usps", ValidationFraction = 0.2, MaxTrain = 400, MaxValidation = 200, MaxTest = 300 };

    // An MLP 256-32-10 trained 2 epochs on the tiny USPS split: the pruning comparisons' shared model and budget.
    private static readonly PruningSettings TinyMlp = new()
    {
        Data = TinyData,
        Model = new ModelSpec { Architecture = "mlp", Hidden = [32] },
        Training = new TrainerOptions { Epochs = 2, BatchSize = 50, LearningRate = 0.1 },
    };

    [Fact]
    public void Cells_GridWithDenseAndDimensions_HasOneCellPerCombination()
    {
        var settings = new PruningSettings
        {
            Data = new DataSpec { Dataset = "manifold" },
            Methods = ["random", "snip"],
            Sparsities = [0.5, 0.9, 0.99],
            Seeds = [1, 2],
            IntrinsicDimensions = [2, 8],
        };

        var cells = settings.Cells();

        Assert.Equal(2 * 2 * (1 + (2 * 3)), cells.Count);
        Assert.Equal(cells.Count, cells.Distinct().Count());
        Assert.Equal(4, cells.Count(c => c.Method == PruningMethods.Dense));
        Assert.Equal("d=8", settings.DataFor(cells[^1]).Manifold);
        Assert.Equal(cells[5], PruningCell.FromPayload(cells[5].ToPayload()));
    }

    [Fact]
    public void Evaluate_EveryMethodOnTheEngine_ReachesExactlyItsTargetSparsity()
    {
        var settings = TinyMlp with
        {
            Methods = PruningMethods.Names,
            Sparsities = [0.6, 0.93],
            Seeds = [3],
            ImpRounds = 2,
            KStartsStarts = 2,
            DissipatingEverySteps = 2,
        };
        var spec = Spec(PruningKind.KindName, JsonSerializer.Serialize(settings, PruningKind.Json), generations: 1, population: settings.Cells().Count);
        var kind = new PruningKind(Options.Create(new EngineOptions()));
        kind.Validate(spec);
        var (genomes, _) = kind.CreateStrategy(spec).Propose("main", 0, [], []);
        using var evaluator = kind.CreateEvaluator(spec, Host);

        Assert.Equal(1 + (2 * PruningMethods.Names.Count), genomes.Count);
        long[] sizes = [256 * 32, 32 * 10];
        foreach (var genome in genomes)
        {
            var cell = PruningCell.FromPayload(genome.Payload);
            var report = evaluator.Evaluate(new WorkItem(spec.RunId, 0, genome, 1), CancellationToken.None);

            Assert.Null(report.Failure);
            var target = cell.Method == "snip" ? PruningTarget.Global(cell.Sparsity) : PruningTarget.PerLayer(cell.Sparsity);
            var expected = 1.0 - ((double)target.KeptTotal(sizes) / sizes.Sum());
            Assert.True(Math.Abs(expected - report.Scores["sparsity"]) < 1e-12, $"{cell}: sparsity {report.Scores["sparsity"]}, expected {expected}");
            Assert.Equal(cell.Sparsity, report.Scores["target_sparsity"]);
            Assert.InRange(report.Scores["test_accuracy"], 0.1, 1);
        }
    }

    [Fact]
    public void SparseMask_KStartsRefinedAndFinalTraining_ScoresRefinedMembersAndTrainsTheWinnerLast()
    {
        var settings = new SparseMaskSettings
        {
            Data = TinyData,
            Model = new ModelSpec { Architecture = "mlp", Hidden = [32] },
            Training = new TrainerOptions { Epochs = 1, BatchSize = 50, LearningRate = 0.1 },
            Density = 0.2,
            Scope = PruningScope.Global,
            Criterion = KStartsCriterion.Combined,
            Refine = new SparseMaskRefinement { Density = 0.1, Epochs = 1, EverySteps = 2 },
            FinalEpochs = 2,
            TournamentSize = 2,
            Elites = 1,
        };
        var spec = Spec(SparseMaskKind.KindName, JsonSerializer.Serialize(settings, SparseMaskKind.Json), generations: 2, population: 3);
        var kind = new SparseMaskKind(Options.Create(new EngineOptions()));
        kind.Validate(spec);
        var strategy = kind.CreateStrategy(spec);
        using var evaluator = kind.CreateEvaluator(spec, Host);
        var (genomes, _) = strategy.Propose("main", 0, [], []);

        var scored = genomes.Select(g => new ScoredGenome(g, evaluator.Evaluate(new WorkItem(spec.RunId, 0, g, 1), CancellationToken.None))).ToArray();
        var members = strategy.Accept("main", 0, [], scored);
        var (final, _) = strategy.Propose("main", 1, members, []);
        var winnerReport = evaluator.Evaluate(new WorkItem(spec.RunId, 1, Assert.Single(final), 1), CancellationToken.None);
        var after = strategy.Accept("main", 1, members, [new ScoredGenome(final[0], winnerReport)]);

        // Global scope: round(0.1 x all weights) kept over both layers together.
        const double total = (256 * 32) + (32 * 10);
        var refinedSparsity = 1 - (Math.Round(0.1 * total, MidpointRounding.AwayFromZero) / total);
        foreach (var member in scored)
        {
            Assert.Null(member.Report.Failure);
            Assert.Equal(refinedSparsity, member.Report.Scores["sparsity"], 9);
            var magnitude = member.Report.Scores["weight_magnitude"];
            var gradient = member.Report.Scores["gradient_accumulation"];
            Assert.Equal(Math.Log(magnitude) + Math.Log(gradient), member.Report.Fitness, 9);
        }

        var best = scored.MaxBy(s => s.Report.Fitness)!;
        Assert.Equal(best.Genome.Payload, final[0].Payload);
        Assert.Equal(1, winnerReport.Scores["final"]);
        Assert.Equal(refinedSparsity, winnerReport.Scores["sparsity"], 9);
        Assert.Equal(winnerReport.Scores["validation_accuracy"], winnerReport.Fitness);
        Assert.InRange(winnerReport.Scores["test_accuracy"], 0.2, 1);
        Assert.Equal(final[0].Id, Assert.Single(after).Genome.Id);
    }

    [Fact]
    public void Evaluate_KStartsControl_ReportsTheMeanOfItsStartsAndLeavesTheWinnerAlone()
    {
        var settings = TinyMlp with
        {
            Methods = ["kstarts"],
            Sparsities = [0.9],
            Seeds = [4],
            Dense = false,
            KStartsStarts = 3,
            KStartsCriterion = KStartsCriterion.ValidationAccuracy,
        };
        var kind = new PruningKind(Options.Create(new EngineOptions()));
        IReadOnlyDictionary<string, double> Evaluate(PruningSettings s)
        {
            var spec = Spec(PruningKind.KindName, JsonSerializer.Serialize(s, PruningKind.Json), generations: 1, population: 1);
            var (genomes, _) = kind.CreateStrategy(spec).Propose("main", 0, [], []);
            using var evaluator = kind.CreateEvaluator(spec, Host);
            var report = evaluator.Evaluate(new WorkItem(spec.RunId, 0, Assert.Single(genomes), 1), CancellationToken.None);
            Assert.Null(report.Failure);
            return report.Scores;
        }

        var plain = Evaluate(settings);
        var controlled = Evaluate(settings with { KStartsControl = true });

        Assert.False(plain.ContainsKey(PruningKind.StartsMeanTestAccuracyScore));
        Assert.InRange(controlled[PruningKind.StartsMeanTestAccuracyScore], 0.1, 1);
        Assert.Equal(plain["test_accuracy"], controlled["test_accuracy"]);
        Assert.Equal(plain["sparsity"], controlled["sparsity"]);
    }

    [Fact]
    public void Evaluator_Disposed_ReturnsItsDataSoTheCacheCanFreeIt()
    {
        // Own caps, so no other test shares these cache keys.
        var settings = TinyMlp with { Data = TinyData with { MaxTrain = 397 }, Methods = ["random"], Sparsities = [0.5], Dense = false };
        var spec = Spec(PruningKind.KindName, JsonSerializer.Serialize(settings, PruningKind.Json), generations: 1, population: 1);
        var kind = new PruningKind(Options.Create(new EngineOptions()));
        var evaluator = kind.CreateEvaluator(spec, Host);
        var (genomes, _) = kind.CreateStrategy(spec).Propose("main", 0, [], []);
        Assert.Null(evaluator.Evaluate(new WorkItem(spec.RunId, 0, Assert.Single(genomes), 1), CancellationToken.None).Failure);
        PreparedData copy;
        using (var probe = DataCache.Lease(settings.Data, spec.Seed, [], TorchSharp.torch.CPU))
        {
            copy = probe.Data;
        }

        void ReturnOtherData()
        {
            foreach (var cap in Enumerable.Range(380, DataCache.IdleCapacity + 1))
            {
                using var other = DataCache.Lease(TinyData with { MaxTrain = cap }, spec.Seed, [], TorchSharp.torch.CPU);
            }
        }

        ReturnOtherData();
        Assert.False(copy.Train.Features.IsInvalid); // the evaluator's lease keeps it
        evaluator.Dispose();
        ReturnOtherData();
        Assert.True(copy.Train.Features.IsInvalid); // returned, pushed out of the idle copies, disposed
    }

    private static RunSpec Spec(string kind, string settingsJson, int generations, int population) =>
        new($"{kind}-test", kind, 11, generations, population, ["main"], settingsJson, "test");
}
