namespace EvoPrune.Cluster.Storage;

/// <summary>A write lost a race: someone else changed the row since this store last read it.</summary>
public sealed class RunStoreConflictException(string message) : InvalidOperationException(message);
