namespace EvoPrune.Cluster.Hosting;

/// <summary>Names of the grain storage providers EvoPrune's grains persist through (<c>[PersistentState(state, name)]</c>).</summary>
public static class GrainStorageNames
{
    /// <summary>PostgreSQL with a <c>postgres://</c> store (<see cref="SiloBuilderExtensions.AddEvoPrunePostgresGrainStorage"/>), Orleans' in-memory storage otherwise.</summary>
    public const string EvoPrune = "evoprune";
}
