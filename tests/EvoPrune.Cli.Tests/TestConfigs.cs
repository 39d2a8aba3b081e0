namespace EvoPrune.Cli.Tests;

/// <summary>Small real configs: USPS digits (shipped in configs/data), a small MLP, a few generations.</summary>
internal static class TestConfigs
{
    /// <summary>
    /// A sparse-mask GA small enough to finish in seconds on 2 cores. It checkpoints every generation unless told
    /// otherwise (<paramref name="checkpointEvery"/>: the run.checkpoint-every value), so tests can wait for a checkpoint file.
    /// </summary>
    public static string TinyRun(int generations = 4, int population = 6, string extra = "", string checkpointEvery = "1") => $"""
        name: tiny
        seed: 7
        data:
          dataset: usps
          validation: 0.2
          max-train: 600
          max-validation: 300
        model:
          architecture: mlp
          hidden: [64]
        training:
          learning-rate: 0.2
          epochs: 2
          batch-size: 50
        run:
          kind: sparse-mask
          generations: {generations}
          population: {population}
          lease-seconds: 6
          checkpoint-every: {checkpointEvery}
        search:
          density: 0.2
          tournament: 2
          elites: 1
        {extra}
        """;

    /// <summary>CIF-E selection over a small pool on the UCI wine table (from the shared data folder).</summary>
    public static string TinyEnsemble(int generations = 4) => $"""
        name: tiny-ensemble
        seed: 5
        data:
          dataset: glass
          validation: 0.3
        run:
          kind: ensemble
          generations: {generations}
          population: 8
          checkpoint-every: 1
        search:
          algorithm: umda
          members: [logreg, gnb, knn1, knn5, fasttree, mlp16]
        """;

    /// <summary>A pruning comparison small enough to finish in seconds: 4 methods x 2 sparsities x 2 seeds + dense.</summary>
    public static string TinyPruning(string extra = "") => $"""
        name: tiny-pruning
        seed: 3
        data:
          dataset: usps
          validation: 0.2
          max-train: 500
          max-validation: 200
          max-test: 400
        model:
          architecture: mlp
          hidden: [48]
        training:
          learning-rate: 0.1
          epochs: 2
          batch-size: 50
        run:
          kind: pruning
          lease-seconds: 6
        search:
          methods: [random, magnitude, snip, dissipating]
          sparsities: [0.5, 0.9]
          seeds: [1, 2]
          dissipating-every-steps: 3
        {extra}
        """;
}
