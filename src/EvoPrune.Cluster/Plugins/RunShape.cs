namespace EvoPrune.Cluster.Plugins;

/// <summary>How many generations a run has, how many genomes each population proposes per generation, and its populations.</summary>
public sealed record RunShape(int Generations, int PopulationSize, IReadOnlyList<string> Populations);
