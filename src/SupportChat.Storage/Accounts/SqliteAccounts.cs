using System.Data.Common;
using Microsoft.Data.Sqlite;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Storage.Accounts;

/// <summary>Agent and admin accounts in the same SQLite file as the history.</summary>
public sealed class SqliteAccounts(SqliteStoreOptions options) : DbAccountStore(SqliteRows.Instance)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS accounts (
            id          TEXT PRIMARY KEY,
            role        INTEGER NOT NULL,
            name        TEXT NOT NULL,
            departments TEXT NOT NULL,
            capacity    INTEGER NOT NULL,
            title       TEXT NOT NULL,
            token_hash  TEXT NOT NULL UNIQUE,
            created_at  INTEGER NOT NULL
        );
        """;

    private const int SqliteConstraint = 19;

    private readonly string _connectionString = SqliteFile.ConnectionString(options);

    /// <summary>Makes the file and the table if they are missing: the `agents` commands may run before any server did.</summary>
    private protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await SqliteFile.OpenAndSetUpAsync(options, _connectionString, SqliteFile.Pragmas + Schema, cancellationToken);

    // Department names are letters, digits, - and _ only (the server checks), so a comma separates them safely.
    private protected override object ToDb(IReadOnlyList<string> departments) => string.Join(',', departments);

    private protected override IReadOnlyList<string> ReadDepartments(DbDataReader reader, int ordinal) =>
        reader.GetString(ordinal).Split(',', StringSplitOptions.RemoveEmptyEntries);

    private protected override bool IsTaken(DbException error) => error is SqliteException { SqliteErrorCode: SqliteConstraint };
}
