using System.Diagnostics;
using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Bench;

/// <summary>Item 6: NEAT network activations per second and generations per second (population 150, one thread).</summary>
internal static class NeatBenchmarks
{
    public static IEnumerable<BenchRow> Run(BenchOptions options)
    {
        const string group = "NEAT";
        var generations = options.Quick ? 5 : 50;
        foreach (var (name, task) in new (string, Func<INeatTask>)[] { ("XOR", () => new XorTask()), ("11-multiplexer", () => MultiplexerTask.Eleven) })
        {
            var rates = new List<double>();
            var speeds = new List<double>();
            for (var r = 0; r < options.Repeats; r++)
            {
                var counting = new CountingTask(task());
                // Fixed generation count (no stop when solved), so every repeat does comparable work.
                var algorithm = new NeatAlgorithm(new NeatSettings { MaxGenerations = generations + 1 }, counting, (ulong)r + 1);
                var clock = Stopwatch.StartNew();
                algorithm.Initialize();
                for (var g = 0; g < generations; g++)
                {
                    algorithm.Step();
                }

                var seconds = clock.Elapsed.TotalSeconds;
                rates.Add(counting.Activations / seconds);
                speeds.Add((generations + 1) / seconds);
            }

            yield return new BenchRow(6, group, $"{name}: network activations per second of run time", Timing.Median(rates), "activations/s", options.Repeats, null, null, "breeding and speciation time included");
            yield return new BenchRow(6, group, $"{name}: generations per second (population 150)", Timing.Median(speeds), "generations/s", options.Repeats,
                null, null, $"{generations + 1} generations, breeding and speciation included");
        }
    }

    private sealed class CountingTask(INeatTask inner) : INeatTask
    {
        private long _activations;

        public long Activations => Interlocked.Read(ref _activations);

        public int InputCount => inner.InputCount;

        public int OutputCount => inner.OutputCount;

        public NeatEvaluation Evaluate(INeatNetwork network) => inner.Evaluate(new CountingNetwork(network, this));

        private sealed class CountingNetwork(INeatNetwork network, CountingTask owner) : INeatNetwork
        {
            public int InputCount => network.InputCount;

            public int OutputCount => network.OutputCount;

            public void Activate(ReadOnlySpan<double> inputs, Span<double> outputs)
            {
                Interlocked.Increment(ref owner._activations);
                network.Activate(inputs, outputs);
            }

            public void Reset() => network.Reset();
        }
    }
}
