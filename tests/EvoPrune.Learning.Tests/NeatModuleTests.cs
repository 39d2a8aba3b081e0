using EvoPrune.Data.Catalog;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Neat.Tasks;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Neat;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Tests;

public class NeatModuleTests
{
    // A feed-forward genome grown by real NEAT mutations: hidden nodes, extra links, perturbed weights.
    internal static NeatGenome Grown(int inputs, int outputs, ulong seed)
    {
        var tracker = new InnovationTracker(inputs, outputs);
        var genome = NeatGenome.CreateMinimal(inputs, outputs, tracker, RandomSources.For(seed, 0, 0, "start"), 2.0);
        for (var step = 1; step <= 12; step++)
        {
            tracker.BeginGeneration();
            var random = RandomSources.For(seed, step, 0, "grow");
            genome = step % 3 == 0
                ? NeatMutations.AddConnection(genome, tracker, random, feedForward: true, weightRange: 2.0, attempts: 20)
                : NeatMutations.AddNode(genome, tracker, random);
            genome = NeatMutations.MutateWeights(genome, random, 0.9, 0.5, 2.0, 8.0);
        }

        return genome;
    }

    [Fact]
    public void Forward_GrownGenome_SigmoidOfLogitsEqualsTheEvolvedNetworksOutputs()
    {
        var genome = Grown(4, 3, 11);
        Assert.True(genome.HiddenCount >= 4);
        using var module = new NeatModule(genome);
        var phenotype = FeedForwardNetwork.Create(genome);
        var random = RandomSources.For(11, 0, 0, "inputs");
        var x = Enumerable.Range(0, 20 * 4).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();

        using var logits = module.forward(tensor(x, [20, 4]));
        var outputs = sigmoid(logits).data<float>().ToArray();

        var expected = new double[3];
        for (var row = 0; row < 20; row++)
        {
            phenotype.Reset();
            phenotype.Activate(x.AsSpan(row * 4, 4).ToArray().Select(v => (double)v).ToArray(), expected);
            for (var k = 0; k < 3; k++)
            {
                Assert.Equal(expected[k], outputs[(row * 3) + k], 4);
            }
        }
    }

    [Fact]
    public void ToGenome_Untrained_GivesBackTheSameGenes()
    {
        var genome = Grown(3, 2, 5);
        using var module = new NeatModule(genome);

        var back = module.ToGenome();

        Assert.Equal(genome.Nodes, back.Nodes);
        Assert.Equal(genome.Connections.Select(c => (c.Innovation, c.Source, c.Target, c.Enabled)), back.Connections.Select(c => (c.Innovation, c.Source, c.Target, c.Enabled)));
        Assert.All(genome.Connections.Zip(back.Connections), p => Assert.Equal(p.First.Weight, p.Second.Weight, 6));
    }

    [Fact]
    public void Constructor_RecurrentGenome_IsRejectedWithTheReason()
    {
        var genome = Grown(2, 1, 3);
        var hidden = genome.Nodes.First(n => n.Type == NodeType.Hidden).Id;
        var loop = genome.WithConnections(genome.Connections.Add(new ConnectionGene(10_000, genome.OutputId(0), hidden, 1.0, true)));

        var error = Assert.Throws<ArgumentException>(() => new NeatModule(loop));

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Train_EvolvedTopologyOnWine_LowersTheLossAndBeatsTheEvolvedWeightsOnTheTrainingSet()
    {
        RealDataTests.RequireDataset("wine");
        var data = DataCache.Load(new DataSpec { Dataset = "wine", ValidationFraction = 0.2 }, 7, []);
        var task = new ClassificationTask(data.Train.Features, data.Train.Labels, data.FeatureCount, data.ClassCount);
        var run = new NeatAlgorithm(new NeatSettings { MaxGenerations = 5 }, task, 7).Run();

        var (module, report) = NeatWeightTraining.Train(run.Champion, data, 7, epochs: 40);
        using (module)
        {
            Assert.True(report.LossPerEpoch[^1] < report.LossPerEpoch[0] * 0.8, string.Join(", ", report.LossPerEpoch));
            Assert.True(report.TrainedTrainAccuracy >= report.EvolvedTrainAccuracy, $"{report.EvolvedTrainAccuracy} -> {report.TrainedTrainAccuracy}");
            Assert.True(report.TrainedTestAccuracy >= 0.85, $"test accuracy {report.TrainedTestAccuracy}");
            Assert.Equal(run.Champion.EnabledConnectionCount, report.Parameters);
            var again = NeatWeightTraining.Train(run.Champion, data, 7, epochs: 40);
            using (again.Module)
            {
                // Same seed, same batches: the same weights (up to float summation order in multi-threaded kernels).
                var largest = module.ToGenome().Connections.Zip(again.Module.ToGenome().Connections).Max(p => Math.Abs(p.First.Weight - p.Second.Weight));
                Assert.True(largest < 1e-4, $"retraining moved a weight by {largest}");
            }
        }
    }
}
