using Microsoft.Data.Sqlite;

namespace SupportChat.Storage.Sqlite;

/// <summary>Connections to the database file the options name, for the history and the accounts alike.</summary>
internal static class SqliteFile
{
    /// <summary>Set by the history's writer and by every accounts connection: WAL lets readers and a writer go on
    /// together, and a writer that finds the file locked (the `agents` command beside a running server) waits up to
    /// 30 s rather than fails.</summary>
    public const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000;";

    public static string ConnectionString(SqliteStoreOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        DefaultTimeout = 30,
    }.ToString();

    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a connection that makes the file and its folder if they are missing (readable by the server's user
    /// only, <see cref="PrivateFiles"/>), and runs <paramref name="setup"/> (pragmas, schema) on it before handing it over.</summary>
    public static async Task<SqliteConnection> OpenAndSetUpAsync(SqliteStoreOptions options, string connectionString, string setup,
        CancellationToken cancellationToken)
    {
        // Made here rather than by SQLite, which would create the file readable by everyone (0644 less the umask).
        PrivateFiles.CreateFolder(Path.GetDirectoryName(options.DatabasePath)!);
        PrivateFiles.CreateEmptyFile(options.DatabasePath);
        var connection = await OpenAsync(connectionString, cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = setup;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
