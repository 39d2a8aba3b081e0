using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Cluster.Workers;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cluster.Tests;

/// <summary>Population-batched evaluation of sparse masks: the same fitnesses as evaluating each genome alone.</summary>
public class SparseMaskBatchTests
{
    private static readonly EvaluationHost Host = new("test-silo", DeviceSpec.Cpu, []);

    [Fact]
    public void EvaluateBatch_TwoGenerations_SameFitnessesAsOneAtATime()
    {
        var kind = new SparseMaskKind(Options.Create(new EngineOptions()));
        var spec = Spec(4);
        kind.Validate(spec);
        var strategy = kind.CreateStrategy(spec);
        // Evaluate is the one-at-a-time path whatever the setting; EvaluateBatch stacks up to four genomes.
        using var one = kind.CreateEvaluator(spec, Host);
        using var many = (IBatchGenomeEvaluator)kind.CreateEvaluator(spec, Host);
        Assert.Equal(4, many.MaxBatch);

        IReadOnlyList<ScoredGenome> members = [];
        for (var generation = 0; generation < 2; generation++)
        {
            var (genomes, _) = strategy.Propose("main", generation, members, []);
            var items = genomes.Select(g => new WorkItem(spec.RunId, generation, g, 1)).ToArray();
            // Six genomes: a stacked batch of four, then one of two.
            var expected = items.Select(i => one.Evaluate(i, CancellationToken.None)).ToArray();
            var actual = many.EvaluateBatch(items, CancellationToken.None);

            Assert.Equal(expected.Length, actual.Count);
            for (var i = 0; i < expected.Length; i++)
            {
                Assert.Null(actual[i].Failure);
                Assert.Equal(expected[i].GenomeId, actual[i].GenomeId);
                // Float rounding of the batched products may flip a prediction on a boundary: at most one of 200 samples.
                Assert.Equal(expected[i].Fitness, actual[i].Fitness, 0.0051);
                Assert.Equal(expected[i].Scores["sparsity"], actual[i].Scores["sparsity"]);
                Assert.Equal(expected[i].Scores["final_loss"], actual[i].Scores["final_loss"], 1e-4);
            }

            members = strategy.Accept("main", generation, members, genomes.Select((g, i) => new ScoredGenome(g, expected[i])).ToArray());
        }
    }

    [Fact]
    public void Validate_PopulationBatchWithConvolutions_Throws()
    {
        var kind = new SparseMaskKind(Options.Create(new EngineOptions()));
        var settings = Settings(4) with { Model = new ModelSpec { Architecture = "lenet5" } };
        var spec = new RunSpec("batch-conv", SparseMaskKind.KindName, 5, 2, 6, ["main"], JsonSerializer.Serialize(settings, SparseMaskKind.Json), "test");
        Assert.Contains("population-batch", Assert.Throws<ArgumentException>(() => kind.Validate(spec)).Message, StringComparison.Ordinal);
    }

    private static SparseMaskSettings Settings(int populationBatch) => new()
    {
        Data = new DataSpec { Dataset = "usps", ValidationFraction = 0.2, MaxTrain = 400, MaxValidation = 200 },
        Model = new ModelSpec { Architecture = "mlp", Hidden = [32] },
        Training = new TrainerOptions { Epochs = 1, BatchSize = 50, LearningRate = 0.1 },
        Density = 0.2,
        TournamentSize = 2,
        Elites = 1,
        PopulationBatch = populationBatch,
    };

    private static RunSpec Spec(int populationBatch) =>
        new($"batch-{populationBatch}", SparseMaskKind.KindName, 5, 2, 6, ["main"], JsonSerializer.Serialize(Settings(populationBatch), SparseMaskKind.Json), "test");
}
