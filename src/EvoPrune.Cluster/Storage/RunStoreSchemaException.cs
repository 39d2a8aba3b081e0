namespace EvoPrune.Cluster.Storage;

/// <summary>The database holds a schema this build does not know (written by a newer EvoPrune).</summary>
public sealed class RunStoreSchemaException(string message) : InvalidOperationException(message);
