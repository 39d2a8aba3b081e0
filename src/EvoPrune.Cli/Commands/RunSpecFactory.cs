using System.Globalization;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cli.Commands;

/// <summary>Makes the <see cref="RunSpec"/> of a config file.</summary>
internal static class RunSpecFactory
{
    /// <summary>
    /// Runs the kind's own checks of <paramref name="spec"/>; a refusal becomes a <see cref="ConfigException"/> at the
    /// config's <c>run.kind</c>, so it names the file and line like every other config error.
    /// </summary>
    public static void Validate(Cluster.Plugins.GenomeKindRegistry kinds, RunSpec spec, ExperimentConfig config)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            kinds.Get(spec).Validate(spec);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            var (line, column) = config.Run?.KindAt ?? default;
            throw new ConfigException(config.File, Math.Max(line, 1), Math.Max(column, 1), "run.kind", $"{spec.Kind}: {ex.Message.ReplaceLineEndings(" ")}");
        }
    }

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
