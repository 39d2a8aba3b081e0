using System.Globalization;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cli.Commands;

/// <summary>Makes the <see cref="RunSpec"/> of a config file.</summary>
internal static class RunSpecFactory
{
    public static RunSpec Create(ExperimentConfig config, string? runIdOverride, TimeProvider time)
    {
        var run = config.Run ?? throw new BadInputException($"{config.File}: there is no 'run' section, so there is nothing to evolve; use 'evoprune train {config.File}' to train one network.");
        var runId = runIdOverride ?? run.Id ?? string.Create(CultureInfo.InvariantCulture, $"{config.Name}-{time.GetUtcNow():yyyyMMdd-HHmmss}");
        RunIds.Check(runId, runIdOverride != null ? "--run-id" : run.Id != null ? $"{config.File}: run.id" : "run id");

        return new RunSpec(runId, run.Kind, config.Seed, run.Generations, run.Population, run.Populations, run.SettingsJson, Path.GetFullPath(config.File))
        {
            KeepCheckpoints = run.KeepCheckpoints,
            LeaseDuration = run.Lease,
            LeaseBatch = run.LeaseBatch,
            StopWhenSolved = run.StopWhenSolved,
            CheckpointEveryGenerations = run.CheckpointEveryGenerations,
            CheckpointEverySeconds = run.CheckpointEverySeconds,
        };
    }
}
