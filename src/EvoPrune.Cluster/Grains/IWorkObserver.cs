namespace EvoPrune.Cluster.Grains;

/// <summary>A silo's evaluation workers, told the moment a run has work so that idle workers lease it at once.</summary>
public interface IWorkObserver : IGrainObserver
{
    [Orleans.Concurrency.OneWay]
    Task WorkAvailableAsync(string runId);
}
