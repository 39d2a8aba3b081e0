using System.Globalization;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Bench;

/// <summary>
/// Items 1-3: the evaluator against a plain TorchSharp loop, population-batched against sequential training, and the
/// cost of sparse-mask training as density falls. All on USPS digits (256 inputs, 10 classes) on the CPU.
/// </summary>
internal static class TrainingBenchmarks
{
    private const ulong Seed = 42;
    private const int BatchSize = 50;

    public static IEnumerable<BenchRow> EvaluatorOverhead(BenchOptions options)
    {
        const string group = "Evaluator overhead";
        var data = Data(options.Quick ? 500 : 2000);
        var architecture = Architectures.Create("lenet300-100", InputShape.Flat(256), 10);
        var trainer = new Trainer(new TrainerOptions { LearningRate = 0.1, Momentum = 0.9, BatchSize = BatchSize, Epochs = 1 });
        var masks = RandomMasks(architecture, 0.1, 1);
        var samples = data.Train.Count;

        var evoprune = Timing.MedianSeconds(options.Repeats, () =>
        {
            using var network = new MaskedNetwork(architecture, ["relu"], masks, RandomKey.ForPurpose(Seed, "init"), CPU);
            trainer.Fit(network, data.Train, RandomKey.ForPurpose(Seed, "shuffle"));
        });
        var unmasked = Timing.MedianSeconds(options.Repeats, () =>
        {
            using var network = new MaskedNetwork(architecture, ["relu"], null, RandomKey.ForPurpose(Seed, "init"), CPU);
            trainer.Fit(network, data.Train, RandomKey.ForPurpose(Seed, "shuffle"));
        });
        var plain = Timing.MedianSeconds(options.Repeats, () => PlainLoop(data.Train, RandomKey.ForPurpose(Seed, "shuffle")));
        var ratio = plain / evoprune;
        yield return new BenchRow(1, group, "EvoPrune evaluation (LeNet-300-100, 10% mask, batch 50)", samples / evoprune, "samples/s", options.Repeats);
        yield return new BenchRow(1, group, "EvoPrune evaluation, no mask (all-ones masks still applied to gradients)", samples / unmasked, "samples/s", options.Repeats);
        yield return new BenchRow(1, group, "plain TorchSharp loop (same model dense, batch, data)", samples / plain, "samples/s", options.Repeats);
        yield return new BenchRow(1, group, "ratio EvoPrune / plain", ratio, "x", options.Repeats, ">= 0.9", ratio >= 0.9, "EvoPrune also masks the gradients every step and draws the initial weights in C# from the seed");
    }

    public static IEnumerable<BenchRow> BatchedPopulation(BenchOptions options)
    {
        const string group = "Batched vs sequential population training";
        var data = Data(1000);
        var architecture = Architectures.Create("mlp", InputShape.Flat(256), 10, [100]);
        var trainerOptions = new TrainerOptions { LearningRate = 0.1, Momentum = 0.9, BatchSize = BatchSize, Epochs = 1 };
        foreach (var population in options.Quick ? [4] : new[] { 4, 16, 64 })
        {
            var masks = Enumerable.Range(0, population).Select(p => (IReadOnlyList<bool[]>?)RandomMasks(architecture, 0.2, (ulong)p + 10)).ToArray();
            var init = RandomKey.ForPurpose(Seed, "init");
            var shuffle = RandomKey.ForPurpose(Seed, "shuffle");
            var sequential = Timing.MedianSeconds(options.Repeats, () =>
            {
                var trainer = new Trainer(trainerOptions);
                foreach (var mask in masks)
                {
                    using var network = new MaskedNetwork(architecture, ["relu"], mask, init, CPU);
                    trainer.Train(network, data.Train, data.Validation, null, shuffle);
                }
            });
            var batched = Timing.MedianSeconds(options.Repeats, () =>
            {
                using var stack = new StackedMaskedMlp(architecture, ["relu"], masks, Enumerable.Repeat(init, population).ToArray(), CPU);
                new PopulationTrainer(trainerOptions).Train(stack, data.Train, data.Validation, null, Enumerable.Repeat(shuffle, population).ToArray());
            });
            var ratio = sequential / batched;
            var p = population.ToString(CultureInfo.InvariantCulture);
            yield return new BenchRow(2, group, $"P={p}: sequential, {p} x (train + validate)", sequential, "s", options.Repeats);
            yield return new BenchRow(2, group, $"P={p}: batched (stacked, one optimiser)", batched, "s", options.Repeats);
            yield return new BenchRow(
                2, group, $"P={p}: speed-up sequential / batched", ratio, "x", options.Repeats,
                population == 16 ? ">= 2 (2 cores)" : null, population == 16 ? ratio >= 2 : null, "MLP 256-100-10, 20% masks, 1000 samples, batch 50");
        }
    }

    public static IEnumerable<BenchRow> DensitySweep(BenchOptions options)
    {
        const string group = "Sparse-mask training cost vs density";
        var data = Data(1000);
        var architecture = Architectures.Create("lenet300-100", InputShape.Flat(256), 10);
        var trainer = new Trainer(new TrainerOptions { LearningRate = 0.1, Momentum = 0.9, BatchSize = BatchSize, Epochs = 1 });
        double? dense = null;
        foreach (var density in options.Quick ? [1.0, 0.1] : new[] { 1.0, 0.5, 0.1, 0.01 })
        {
            var masks = RandomMasks(architecture, density, 3);
            var seconds = Timing.MedianSeconds(options.Repeats, () =>
            {
                using var network = new MaskedNetwork(architecture, ["relu"], masks, RandomKey.ForPurpose(Seed, "init"), CPU);
                trainer.Fit(network, data.Train, RandomKey.ForPurpose(Seed, "shuffle"));
            });
            dense ??= seconds;
            var label = density.ToString("P0", CultureInfo.InvariantCulture);
            yield return new BenchRow(3, group, $"density {label}: one epoch, LeNet-300-100, 1000 samples", seconds, "s", options.Repeats);
            if (density < 1.0)
            {
                yield return new BenchRow(
                    3, group, $"density {label}: time relative to dense", seconds / dense.Value, "x", options.Repeats, null, null,
                    "masks are dense multiplies: time does not fall with density (no sparse kernels)");
            }
        }
    }

    /// <summary>USPS (train capped at <paramref name="maxTrain"/>, 500 validation) on the CPU, loaded once per process.</summary>
    public static PreparedData Data(int maxTrain) =>
        DataCache.Prepare(new DataSpec { Dataset = "usps", ValidationFraction = 0.15, MaxTrain = maxTrain, MaxValidation = 500 }, Seed, [], CPU);

    public static IReadOnlyList<bool[]> RandomMasks(ArchitectureSpec architecture, double density, ulong seed)
    {
        var random = RandomSources.For(RandomKey.ForPurpose(seed, "bench-mask"));
        return architecture.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextBool(density)).ToArray()).ToArray();
    }

    // The textbook TorchSharp loop on the same model (dense), batch size, data and minibatch order.
    private static void PlainLoop(DeviceData train, RandomKey shuffle)
    {
        using var model = nn.Sequential(
            ("fc0", nn.Linear(256, 300)), ("relu0", nn.ReLU()),
            ("fc1", nn.Linear(300, 100)), ("relu1", nn.ReLU()),
            ("fc2", nn.Linear(100, 10)));
        using var optimizer = optim.SGD(model.parameters(), 0.1, 0.9);
        var order = Enumerable.Range(0, train.Count).Select(i => (long)i).ToArray();
        RandomSources.For(shuffle.WithPurpose($"{shuffle.Purpose}/epoch0")).Shuffle(order);
        using var orderTensor = tensor(order);
        for (var start = 0; start < train.Count; start += BatchSize)
        {
            using var scope = NewDisposeScope();
            var index = orderTensor.narrow(0, start, Math.Min(BatchSize, train.Count - start));
            optimizer.zero_grad();
            var loss = nn.functional.cross_entropy(model.call(train.Features.index_select(0, index)), train.Labels.index_select(0, index));
            loss.backward();
            optimizer.step();
            _ = loss.item<float>();
        }
    }
}
