using System.Collections.Immutable;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Neat.Tasks;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Neat;

public class NeatPhenotypeTests
{
    // Inputs 0,1; bias 2; output 3; hidden 4. Links: 0->4 (1.5), 1->4 (-2), 2->3 (0.5), 4->3 (3), 1->3 disabled.
    private static NeatGenome SmallGenome() => new(
        2,
        1,
        [new(0, NodeType.Input), new(1, NodeType.Input), new(2, NodeType.Bias), new(3, NodeType.Output), new(4, NodeType.Hidden)],
        [new(0, 0, 4, 1.5, true), new(1, 1, 4, -2.0, true), new(2, 2, 3, 0.5, true), new(3, 4, 3, 3.0, true), new(4, 1, 3, 9.0, false)]);

    private static double Phi(double x) => 1.0 / (1.0 + Math.Exp(-4.9 * x));

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(0.3, -0.7)]
    public void FeedForwardActivate_SmallGenome_MatchesHandComputedOutput(double x0, double x1)
    {
        var network = FeedForwardNetwork.Create(SmallGenome());
        var output = new double[1];
        network.Activate([x0, x1], output);
        var hidden = Phi((1.5 * x0) - (2.0 * x1));
        Assert.Equal(Phi(0.5 + (3.0 * hidden)), output[0], 12);
        Assert.Equal(4, network.ConnectionCount);
    }

    [Fact]
    public void RecurrentActivate_SmallGenome_NeedsTwoStepsToReachFeedForwardOutput()
    {
        var network = new RecurrentNetwork(SmallGenome());
        var output = new double[1];
        network.Activate([1.0, 0.0], output);
        Assert.Equal(Phi(0.5 + (3.0 * 0.0)), output[0], 12);
        network.Activate([1.0, 0.0], output);
        Assert.Equal(Phi(0.5 + (3.0 * Phi(1.5))), output[0], 12);
        network.Reset();
        network.Activate([1.0, 0.0], output);
        Assert.Equal(Phi(0.5), output[0], 12);
    }

    [Fact]
    public void RecurrentActivate_SelfLoop_FeedsBackPreviousValue()
    {
        var genome = new NeatGenome(
            1,
            1,
            [new(0, NodeType.Input), new(1, NodeType.Bias), new(2, NodeType.Output)],
            [new(0, 0, 2, 1.0, true), new(1, 2, 2, -1.0, true)]);
        var network = new RecurrentNetwork(genome);
        var output = new double[1];
        network.Activate([1.0], output);
        var first = Phi(1.0);
        Assert.Equal(first, output[0], 12);
        network.Activate([1.0], output);
        Assert.Equal(Phi(1.0 - first), output[0], 12);
        Assert.Throws<ArgumentException>(() => FeedForwardNetwork.Create(genome));
    }

    [Fact]
    public void Activate_WrongInputCount_Throws()
    {
        var network = FeedForwardNetwork.Create(SmallGenome());
        Assert.Throws<ArgumentException>(() => network.Activate([1.0], new double[1]));
    }

    [Fact]
    public void Constructor_DanglingConnection_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new NeatGenome(
            1,
            1,
            [new(0, NodeType.Input), new(1, NodeType.Bias), new(2, NodeType.Output)],
            ImmutableArray.Create(new ConnectionGene(0, 0, 7, 1.0, true))));
        Assert.Contains("endpoint", error.Message, StringComparison.Ordinal);
    }
}

public class BatchedPhenotypeTests
{
    [Fact]
    public void ActivateBatch_GrownGenome_EqualsActivatingEachRowAlone()
    {
        var tracker = new InnovationTracker(5, 3);
        var genome = NeatGenome.CreateMinimal(5, 3, tracker, RandomSources.For(4, 0, 0, "start"), 2.0);
        for (var step = 1; step <= 15; step++)
        {
            tracker.BeginGeneration();
            var random = RandomSources.For(4, step, 0, "grow");
            genome = step % 2 == 0 ? NeatMutations.AddConnection(genome, tracker, random, true, 2.0, 20) : NeatMutations.AddNode(genome, tracker, random);
        }

        var network = FeedForwardNetwork.Create(genome);
        var draw = RandomSources.For(4, 0, 0, "inputs");
        const int rows = 37;
        var inputs = Enumerable.Range(0, rows * 5).Select(_ => (draw.NextDouble() * 4) - 2).ToArray();
        var batched = new double[rows * 3];
        double[]? scratch = null;

        network.ActivateBatch(inputs, batched, rows, ref scratch);

        var single = new double[3];
        for (var row = 0; row < rows; row++)
        {
            network.Reset();
            network.Activate(inputs.AsSpan(row * 5, 5), single);
            for (var o = 0; o < 3; o++)
            {
                Assert.Equal(single[o], batched[(row * 3) + o], 12);
            }
        }
    }

    [Fact]
    public void ActivateColumns_GrownGenome_EqualsActivatingEachRowAloneExactly()
    {
        var network = FeedForwardNetwork.Create(Grown(15));
        const int rows = 37;
        var draw = RandomSources.For(5, 0, 0, "inputs");
        var columns = Enumerable.Range(0, rows * 5).Select(_ => (draw.NextDouble() * 4) - 2).ToArray();
        var outputs = new double[rows * 3];
        double[]? scratch = null;

        network.ActivateColumns(columns, outputs, rows, ref scratch);

        var row = new double[5];
        var single = new double[3];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < 5; i++)
            {
                row[i] = columns[(i * rows) + r];
            }

            network.Activate(row, single);
            for (var o = 0; o < 3; o++)
            {
                Assert.Equal(single[o], outputs[(o * rows) + r]);
            }
        }
    }

    [Fact]
    public void Compile_IntoTheNetworkOfALargerGenome_ActivatesExactlyAsAFreshNetwork()
    {
        var large = FeedForwardNetwork.Create(Grown(25));
        var small = Grown(6);
        var fresh = FeedForwardNetwork.Create(small);

        var reused = FeedForwardNetwork.Compile(small, Sigmoid.PaperSlope, large);

        Assert.Same(large, reused);
        Assert.Equal(fresh.ConnectionCount, reused.ConnectionCount);
        var draw = RandomSources.For(6, 0, 0, "inputs");
        var inputs = new double[5];
        var expected = new double[3];
        var actual = new double[3];
        for (var r = 0; r < 20; r++)
        {
            for (var i = 0; i < 5; i++)
            {
                inputs[i] = (draw.NextDouble() * 4) - 2;
            }

            fresh.Activate(inputs, expected);
            reused.Activate(inputs, actual);
            Assert.Equal(expected, actual);
        }
    }

    // A 5-input, 3-output genome after `steps` alternating add-node and add-connection mutations.
    private static NeatGenome Grown(int steps)
    {
        var tracker = new InnovationTracker(5, 3);
        var genome = NeatGenome.CreateMinimal(5, 3, tracker, RandomSources.For(4, 0, 0, "start"), 2.0);
        for (var step = 1; step <= steps; step++)
        {
            tracker.BeginGeneration();
            var random = RandomSources.For(4, step, 0, "grow");
            genome = step % 2 == 0 ? NeatMutations.AddConnection(genome, tracker, random, true, 2.0, 20) : NeatMutations.AddNode(genome, tracker, random);
        }

        return genome;
    }

    [Fact]
    public void Measure_FeedForwardAndRecurrentPhenotypesOfOneGenome_ScoreTheSameOnATable()
    {
        var genome = NeatGenome.CreateMinimal(2, 2, new InnovationTracker(2, 2), RandomSources.For(9, 0, 0, "start"), 2.0);
        float[] features = [0, 0, 0, 1, 1, 0, 1, 1, 0.5f, -0.5f];
        int[] labels = [0, 1, 1, 0, 1];
        var task = new ClassificationTask(features, labels, 2, 2);

        var batched = task.Measure(FeedForwardNetwork.Create(genome));
        var rowByRow = task.Measure(new RecurrentNetwork(genome));

        Assert.Equal(rowByRow.Accuracy, batched.Accuracy);
        Assert.Equal(rowByRow.Fitness, batched.Fitness, 10);
    }
}
