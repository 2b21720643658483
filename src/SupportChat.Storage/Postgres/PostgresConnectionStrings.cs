using Npgsql;

namespace SupportChat.Storage.Postgres;

public static class PostgresConnectionStrings
{
    /// <summary>Host, port and database, for messages and logs: never the password.</summary>
    public static string Describe(string connectionString)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql connects to the database named like the user when none is given.
        return $"PostgreSQL database {parsed.Database ?? parsed.Username} on {parsed.Host}:{parsed.Port}";
    }
}
