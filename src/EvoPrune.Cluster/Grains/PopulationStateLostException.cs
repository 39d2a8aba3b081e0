namespace EvoPrune.Cluster.Grains;

/// <summary>A population grain was reactivated (its silo died) and lost its in-memory state; the coordinator restores it from the last checkpoint.</summary>
[GenerateSerializer, Alias("evoprune.population-state-lost")]
public sealed class PopulationStateLostException : Exception
{
    public PopulationStateLostException()
    {
    }

    public PopulationStateLostException(string message)
        : base(message)
    {
    }

    public PopulationStateLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
