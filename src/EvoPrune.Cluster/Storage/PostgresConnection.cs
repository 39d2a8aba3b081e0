using System.Globalization;
using Npgsql;

namespace EvoPrune.Cluster.Storage;

/// <summary>
/// Turns <c>postgres://user@host:port/database?sslmode=...</c> into Npgsql settings. The password never comes from the
/// URI (it would end up in shell history and process lists): it is read from <c>EVOPRUNE_STORE_PASSWORD</c>, from the file
/// named by <c>EVOPRUNE_STORE_PASSWORD_FILE</c> (a mounted secret), or left to Npgsql's own <c>PGPASSWORD</c>/<c>PGPASSFILE</c>.
/// </summary>
public static class PostgresConnection
{
    public const string PasswordVariable = "EVOPRUNE_STORE_PASSWORD";
    public const string PasswordFileVariable = "EVOPRUNE_STORE_PASSWORD_FILE";

    public static bool IsPostgres(string store) =>
        store.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || store.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    public static NpgsqlConnectionStringBuilder Parse(string store, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(environment);
        if (!IsPostgres(store) || !Uri.TryCreate(store, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"Store '{Mask(store)}' is not a PostgreSQL URI; expected postgres://user@host[:port]/database[?sslmode=...].");
        }

        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        if (userInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"Store '{Mask(store)}' carries a password; give it through {PasswordVariable} or {PasswordFileVariable} instead.");
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length == 0)
        {
            throw new FormatException($"Store '{Mask(store)}' names no database; expected postgres://user@host[:port]/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(database),
            Timeout = 10,
            CommandTimeout = 30,
        };
        if (userInfo.Length > 0)
        {
            builder.Username = userInfo;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            if (key.Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"Store '{Mask(store)}' carries a password; give it through {PasswordVariable} or {PasswordFileVariable} instead.");
            }

            try
            {
                builder[key] = value;
            }
            catch (ArgumentException ex)
            {
                throw new FormatException($"Store '{Mask(store)}': unknown or bad connection setting '{key}' ({ex.Message}).", ex);
            }
        }

        var password = environment(PasswordVariable);
        var file = environment(PasswordFileVariable);
        if (string.IsNullOrEmpty(password) && !string.IsNullOrEmpty(file))
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{PasswordFileVariable} names '{file}', which does not exist.", file);
            }

            password = File.ReadAllText(file).TrimEnd('\r', '\n');
        }

        if (!string.IsNullOrEmpty(password))
        {
            builder.Password = password;
        }

        return builder;
    }

    /// <summary>How a store may appear in messages: postgres://user@host:port/database, never a password.</summary>
    public static string Mask(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var user = string.IsNullOrEmpty(builder.Username) ? "" : builder.Username + "@";
        return string.Create(CultureInfo.InvariantCulture, $"postgres://{user}{builder.Host}:{builder.Port}/{builder.Database}");
    }

    /// <summary>Removes whatever could be a password (user-info after ':' and password=... pairs) from a URI-like string.</summary>
    public static string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var masked = System.Text.RegularExpressions.Regex.Replace(text, @"(://[^:/@\s]*):[^@/\s]*@", "$1:***@");
        return System.Text.RegularExpressions.Regex.Replace(masked, @"(?i)(password=)[^&;\s]*", "$1***");
    }
}
