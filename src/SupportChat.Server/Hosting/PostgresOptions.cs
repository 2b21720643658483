using Npgsql;

namespace SupportChat.Server.Hosting;

/// <summary>Section "Postgres": set, the server is a cluster node with its history, accounts, session key and the
/// cluster membership in this database; unset, a single node on SQLite.</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "Postgres";

    public string? ConnectionString { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);

    /// <summary>Null when a connection string given on the command line can be used; otherwise what is wrong with it.</summary>
    public static string? Problem(string connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(parsed.Host)
                ? "--postgres needs a Host, e.g. \"Host=127.0.0.1;Username=supportchat;Password=…;Database=supportchat\"."
                : null;
        }
        catch (ArgumentException ex)
        {
            return $"--postgres is not a valid connection string: {ex.Message}";
        }
    }
}
