using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace EvoPrune.Learning.Tests.Onnx;

public class NeatOnnxTests
{
    private const int Rows = 50;

    [Theory]
    [InlineData(4, 3, 11, 4.9)]
    [InlineData(2, 1, 3, 4.9)]
    [InlineData(5, 2, 8, 1.0)]
    public void ToModel_GrownFeedForwardGenome_OutputsEqualThePhenotypeWithin1e5(int inputs, int outputs, int seed, double slope)
    {
        var genome = NeatModuleTests.Grown(inputs, outputs, (ulong)seed);
        var random = RandomSources.For((ulong)seed, 0, 0, "inputs");
        var x = Enumerable.Range(0, Rows * inputs).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();

        var bytes = Google.Protobuf.MessageExtensions.ToByteArray(NeatOnnx.ToModel(genome, slope, null, new Dictionary<string, string>()));
        using var session = new InferenceSession(bytes);
        using var input = OrtValue.CreateTensorValueFromMemory(x, [Rows, inputs]);
        using var results = session.Run(new RunOptions(), [NetworkOnnx.InputName], [input], [NeatOnnx.OutputsName, NetworkOnnx.ProbabilitiesName]);
        var onnx = results[0].GetTensorDataAsSpan<float>().ToArray();
        var probabilities = results[1].GetTensorDataAsSpan<float>().ToArray();

        var phenotype = FeedForwardNetwork.Create(genome, slope);
        var expected = new double[outputs];
        var classes = Math.Max(2, outputs);
        for (var row = 0; row < Rows; row++)
        {
            phenotype.Reset();
            phenotype.Activate(x.AsSpan(row * inputs, inputs).ToArray().Select(v => (double)v).ToArray(), expected);
            for (var k = 0; k < outputs; k++)
            {
                Assert.True(Math.Abs(expected[k] - onnx[(row * outputs) + k]) <= 1e-5, $"row {row} output {k}: phenotype {expected[k]}, onnx {onnx[(row * outputs) + k]}");
            }

            var predicted = OnnxClassifier.Classify(probabilities.AsSpan(row * classes, classes), classes)[0];
            var phenotypeClass = outputs == 1 ? (expected[0] > 0.5 ? 1 : 0) : Array.IndexOf(expected, expected.Max());
            Assert.Equal(phenotypeClass, predicted);
            Assert.Equal(1.0, probabilities.AsSpan(row * classes, classes).ToArray().Sum(), 5);
        }
    }

    [Fact]
    public void ToModel_RecurrentGenome_RefusesNamingTheCycle()
    {
        var genome = NeatModuleTests.Grown(2, 1, 3);
        var output = genome.OutputId(0);
        var looped = genome.WithConnections(genome.Connections.Add(new ConnectionGene(10_000, output, output, 0.5, true)));

        var error = Assert.Throws<ArgumentException>(() => NeatOnnx.ToModel(looped, 4.9, null, new Dictionary<string, string>()));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }
}
