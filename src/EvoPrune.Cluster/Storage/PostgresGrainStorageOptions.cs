namespace EvoPrune.Cluster.Storage;

/// <summary>Settings of a named <see cref="PostgresGrainStorage"/> provider.</summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary><c>postgres://user@host[:port]/database</c>; the password comes from the environment (see <see cref="PostgresConnection"/>).</summary>
    public string Connection { get; set; } = "";

    public void Validate(string name)
    {
        if (!PostgresConnection.IsPostgres(Connection))
        {
            throw new ArgumentException($"Grain storage '{name}' needs a postgres:// connection, not '{PostgresConnection.Mask(Connection)}'.");
        }
    }
}
