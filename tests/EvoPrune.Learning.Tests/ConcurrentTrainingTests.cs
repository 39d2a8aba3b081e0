using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using TorchSharp;

namespace EvoPrune.Learning.Tests;

/// <summary>
/// Several trainings at once in one process, as the workers of one silo run them, while collections and finalizers run
/// as often as they can: the condition under which a Scalar that TorchSharp's own optimisers hand to libtorch could be
/// freed mid-step ("Expected false to be true … toFloat at Scalar.h:140" in SGD.step), or mid-forward by an activation
/// that passes a number (leaky_relu's slope, elu's alpha, softsign's + 1). ScalarLifetimeTests checks the code for every
/// such call; this runs the load.
/// </summary>
public class ConcurrentTrainingTests
{
    private static readonly ArchitectureSpec Spec = Architectures.Create("mlp", InputShape.Flat(8), 4, [32, 16]);

    [Fact]
    public void Step_SameGradientsAsTorchSharpOptimizers_GivesBitIdenticalWeights()
    {
        foreach (var options in new[]
                 {
                     new TrainerOptions { Epochs = 2, BatchSize = 32, LearningRate = 0.05, Momentum = 0.9, WeightDecay = 1e-3 },
                     new TrainerOptions { Epochs = 2, BatchSize = 32, LearningRate = 0.05, Momentum = 0 },
                     new TrainerOptions { Epochs = 2, BatchSize = 32, LearningRate = 0.01, Optimizer = OptimizerKind.Adam, WeightDecay = 1e-3 },
                 })
        {
            var ours = TrainSteps(options, 40, parameters =>
            {
                var o = ParameterOptimizer.Create(options, parameters);
                return (o.ZeroGrad, o.Step, o);
            });
            var torchSharp = TrainSteps(options, 40, parameters =>
            {
                torch.optim.Optimizer o = options.Optimizer == OptimizerKind.Adam
                    ? torch.optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay)
                    : torch.optim.SGD(parameters, options.LearningRate, options.Momentum, weight_decay: options.WeightDecay);
                return (o.zero_grad, () => o.step(), o);
            });

            Assert.Equal(torchSharp.Length, ours.Length);
            for (var layer = 0; layer < ours.Length; layer++)
            {
                Assert.Equal(torchSharp[layer], ours[layer]);
            }
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Train_ManyConcurrentTrainingsWhileCollectionsRun_NoneFailsAndEachMatchesItsSerialRun()
    {
        // 4 x 40 trainings of 200 steps: with TorchSharp's optim.SGD in their place, this load failed 2 of 32,000 steps
        // with "Expected false to be true" (a busy 2-core machine); the optimisers here have none. The hidden layers use
        // every activation whose TorchSharp call would take a number (now LiveScalars), and relu.
        const int workers = 4;
        const int perWorker = 40;
        string[] activations = ["relu", "leaky_relu", "elu", "softsign", "mish"];
        var jobs = Enumerable.Range(0, workers * perWorker).Select(i => (Seed: (ulong)(i % 6), Adam: i % 3 == 2, Activation: activations[i % activations.Length])).ToArray();
        // The serial reference: one training per distinct (seed, optimiser, activation), no other thread running.
        var reference = jobs.Distinct().ToDictionary(j => j, j => Train(j.Seed, j.Adam, j.Activation));

        using var done = new CancellationTokenSource();
        var collected = 0;
        var collector = new Thread(() =>
        {
            while (!done.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                collected++;
            }
        });
        collector.Start();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        var results = new float[jobs.Length][][];
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() =>
        {
            for (var k = 0; k < perWorker; k++)
            {
                var i = (w * perWorker) + k;
                try
                {
                    results[i] = Train(jobs[i].Seed, jobs[i].Adam, jobs[i].Activation);
                }
                catch (Exception ex)
                {
                    failures.Add($"job {i}: {ex.Message}");
                }
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        done.Cancel();
        collector.Join();

        Assert.Empty(failures);
        Assert.True(collected > 10, $"only {collected} forced collections ran beside the trainings");
        for (var i = 0; i < jobs.Length; i++)
        {
            Assert.Equal(reference[jobs[i]], results[i]);
        }
    }

    private static float[][] Train(ulong seed, bool adam, string activation)
    {
        var options = adam
            ? new TrainerOptions { Epochs = 8, BatchSize = 16, LearningRate = 0.01, Optimizer = OptimizerKind.Adam, WeightDecay = 1e-4 }
            : new TrainerOptions { Epochs = 8, BatchSize = 16, LearningRate = 0.05, WeightDecay = 1e-4 };
        var data = Blobs.Make(400, 8, 4, seed: 50 + seed);
        using var train = DeviceData.From(data, torch.CPU);
        using var network = new MaskedNetwork(Spec, [activation], null, new RandomKey(seed, 0, 0, "init"), torch.CPU);
        new Trainer(options).Fit(network, train, RandomKey.ForPurpose(seed, "shuffle"));
        return Enumerable.Range(0, network.PrunableWeights.Count).Select(network.GetWeights).ToArray();
    }

    private static float[][] TrainSteps(TrainerOptions options, int steps, Func<IEnumerable<TorchSharp.Modules.Parameter>, (Action ZeroGrad, Action Step, IDisposable Owner)> optimizer)
    {
        var data = Blobs.Make(320, 8, 4, seed: 5);
        using var train = DeviceData.From(data, torch.CPU);
        using var network = new MaskedNetwork(Spec, ["relu"], null, new RandomKey(3, 0, 0, "init"), torch.CPU);
        var (zeroGrad, step, owner) = optimizer(network.parameters());
        using (owner)
        {
            for (var s = 0; s < steps; s++)
            {
                using var scope = torch.NewDisposeScope();
                var start = (s * 32) % 320;
                zeroGrad();
                var loss = torch.nn.functional.cross_entropy(network.call(train.Features.narrow(0, start, 32)), train.Labels.narrow(0, start, 32));
                loss.backward();
                step();
            }
        }

        return Enumerable.Range(0, network.PrunableWeights.Count).Select(network.GetWeights).ToArray();
    }
}
