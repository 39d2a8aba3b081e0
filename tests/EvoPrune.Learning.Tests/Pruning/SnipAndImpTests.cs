using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Pruning;
using TorchSharp;

namespace EvoPrune.Learning.Tests.Pruning;

public class SnipAndImpTests
{
    [Fact]
    public void Sensitivities_TinySoftmaxLayer_EqualHandComputedGradientTimesWeight()
    {
        var spec = new ArchitectureSpec("tiny", InputShape.Flat(3), [LayerSpec.Dense(2)], 2);
        using var network = new MaskedNetwork(spec, ["relu"], null, RandomKey.ForPurpose(9, "init"), torch.CPU, WeightInit.PyTorch);
        float[] x = [1f, -2f, 0.5f, 0f, 1f, 3f, -1f, 0.25f, 2f, 2f, -1f, 1f];
        long[] y = [0, 1, 1, 0];
        using var features = torch.tensor(x, [4, 3]);
        using var labels = torch.tensor(y);
        var parameters = WeightSnapshot.Capture(network).Parameters;
        var (w, b) = (parameters[0], parameters[1]);

        var scores = SnipPruning.Sensitivities(network, features, labels)[0];

        // dL/dW[c, i] = mean over samples of (softmax_c − [y = c]) · x_i for the mean cross-entropy of one linear layer.
        var expected = new double[6];
        for (var n = 0; n < 4; n++)
        {
            var logits = Enumerable.Range(0, 2).Select(c => b[c] + Enumerable.Range(0, 3).Sum(i => (double)w[(c * 3) + i] * x[(n * 3) + i])).ToArray();
            var max = logits.Max();
            var z = logits.Sum(l => Math.Exp(l - max));
            for (var c = 0; c < 2; c++)
            {
                var delta = (Math.Exp(logits[c] - max) / z) - (y[n] == c ? 1 : 0);
                for (var i = 0; i < 3; i++)
                {
                    expected[(c * 3) + i] += delta * x[(n * 3) + i] / 4;
                }
            }
        }

        var saliency = expected.Select((g, j) => Math.Abs(g * w[j])).ToArray();
        Assert.All(Enumerable.Range(0, 6), j => Assert.Equal(saliency[j], scores[j], 5));
        var top3 = saliency.Select((s, j) => (s, j)).OrderByDescending(p => p.s).Take(3).Select(p => p.j).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 6).Select(top3.Contains).ToArray(), TopKSelection.KeepTopK(scores, 3));
    }

    [Fact]
    public void RunLevels_TwoRounds_RewindsSurvivorsBitExactlyToInitialWeights()
    {
        var context = UspsContexts.Mlp(seed: 7);
        var imp = new IterativeMagnitudePruning(ImpOptions.LotteryTicketPaper(2));

        var outcome = imp.RunLevels(context);

        using var fresh = context.CreateNetwork(null);
        for (var l = 0; l < outcome.RewindPoint.Count; l++)
        {
            var initial = fresh.GetWeights(l);
            Assert.Equal(initial, outcome.RewindPoint[l]);
            var mask = outcome.Final.Masks[l];
            Assert.All(Enumerable.Range(0, mask.Length), j => Assert.Equal(mask[j] ? initial[j] : 0f, outcome.LastLevelStart[l][j]));
        }

        // fc0 (256×100) loses 20% of the remaining weights per round, the output layer (100×10) 10%.
        Assert.Equal([16384L, 810], outcome.Final.Masks.Select(m => m.LongCount(k => k)).ToArray());
        Assert.Equal(3, outcome.Levels.Count);
    }

    [Fact]
    public void RandomReinitialisation_SameMask_TrainsFromOtherInitialWeights()
    {
        var context = UspsContexts.Mlp(seed: 8);
        var masks = RandomPruning.DrawMasks(context.LayerSizes, PruningTarget.PerLayer(0.8), RandomSources.For(RandomKey.ForPurpose(8, "m")));

        var control = IterativeMagnitudePruning.RandomReinitialisation(context, masks, 0);

        UspsContexts.AssertExactAndZero(control, PruningTarget.PerLayer(0.8));
        using var original = context.CreateNetwork(masks);
        Assert.NotEqual(original.GetWeights(0), control.Weights[0]);
    }
}
