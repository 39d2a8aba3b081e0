namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>
/// The paper's XOR experiment (§4.2): default settings, population 150, compared against 32 generations,
/// 4,755 evaluations (std 2,553, worst 13,459), 2.35 hidden nodes and 0 failures in 100 runs.
/// </summary>
public static class NeatXorBenchmark
{
    /// <summary>Generation limit per run; the paper's worst run took about 90.</summary>
    public const int MaxGenerations = 1000;

    /// <summary><paramref name="runs"/> XOR runs with the paper's settings, seeds <paramref name="seed"/>, <paramref name="seed"/> + 1, ….</summary>
    public static NeatBenchmarkResult Run(int runs, ulong seed) =>
        NeatBenchmark.Run(new XorTask(), new NeatSettings { MaxGenerations = MaxGenerations }, runs, seed);
}
