namespace EvoPrune.Cluster.Plugins;

/// <summary>What a genome kind makes of a config: its settings as <c>RunSpec.SettingsJson</c> carries them, and the run's shape.</summary>
public sealed record KindConfig(string SettingsJson, RunShape Shape);
