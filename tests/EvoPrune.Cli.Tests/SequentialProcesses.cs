namespace EvoPrune.Cli.Tests;

/// <summary>Tests that start evoprune processes run one at a time: the machine has two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SequentialProcesses
{
    public const string Name = "processes";
}
