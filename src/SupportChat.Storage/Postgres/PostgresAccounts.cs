using System.Data.Common;
using Npgsql;
using SupportChat.Storage.Accounts;

namespace SupportChat.Storage.Postgres;

/// <summary>Agent and admin accounts in PostgreSQL, shared by every node of a cluster: an account added or removed
/// through any node (or by `supportchat agents … --postgres`) counts on all of them at once.</summary>
public sealed class PostgresAccounts(NpgsqlDataSource dataSource) : DbAccountStore(PostgresRows.Instance)
{
    private protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // The accounts commands may be the first to touch a new database.
        await PostgresSchema.EnsureAsync(dataSource, cancellationToken);
        return await dataSource.OpenConnectionAsync(cancellationToken);
    }

    private protected override object ToDb(IReadOnlyList<string> departments) => departments.ToArray();

    private protected override IReadOnlyList<string> ReadDepartments(DbDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);

    private protected override bool IsTaken(DbException error) => error is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
