namespace SupportChat.Server.Hosting;

/// <summary>Section "Postgres": set, the server is a cluster node with its history, accounts, session key and the
/// cluster membership in this database; unset, a single node on SQLite.</summary>
public sealed class PostgresOptions
{
    public const string SectionName = "Postgres";

    public string? ConnectionString { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString);
}
