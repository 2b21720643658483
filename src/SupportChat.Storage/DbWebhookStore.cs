using System.Data.Common;
using SupportChat.Storage.Webhooks;

namespace SupportChat.Storage;

/// <summary>
/// The webhooks tables, in the same SQL on SQLite and PostgreSQL (named parameters; times through
/// <see cref="StoreRows"/>). Small, rare writes on pooled connections of their own: none of them touches the event feed.
/// </summary>
internal sealed class DbWebhookStore(StoreRows rows, Func<CancellationToken, ValueTask<DbConnection>> open) : IWebhookStore
{
    private const string Select =
        "SELECT w.id, w.url, w.kinds, w.cursor, w.created_at, w.failing_since, w.attempts, " +
        "(SELECT COUNT(*) FROM webhook_failures f WHERE f.webhook_id = w.id) FROM webhooks w";

    private const string SelectFailed =
        "SELECT webhook_id, cursor, kind, first_failed_at, attempts, last_error, retrying FROM webhook_failures";

    public async Task<WebhookRecord> AddAsync(string id, string url, IReadOnlyList<string> kinds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var insert = connection.Command(
            "INSERT INTO webhooks (id, url, kinds, cursor, created_at, attempts) VALUES (@id, @url, @kinds, (SELECT COALESCE(MAX(cursor), 0) FROM events), @at, 0)",
            ("@id", id), ("@url", url), ("@kinds", string.Join(',', kinds)), ("@at", rows.ToDb(now)));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return (await FindAsync(id, cancellationToken))!;
    }

    public async Task<IReadOnlyList<WebhookRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var select = connection.Command($"{Select} ORDER BY w.created_at, w.id");
        return await select.ReadAllAsync(Read, cancellationToken);
    }

    public async Task<WebhookRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var select = connection.Command($"{Select} WHERE w.id = @id", ("@id", id));
        return (await select.ReadAllAsync(Read, cancellationToken)).FirstOrDefault();
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, "DELETE FROM webhook_failures WHERE webhook_id = @id", cancellationToken, ("@id", id));
        var removed = await Execute(connection, transaction, "DELETE FROM webhooks WHERE id = @id", cancellationToken, ("@id", id));
        await transaction.CommitAsync(cancellationToken);
        return removed == 1;
    }

    public async Task<IReadOnlyList<FailedDelivery>> ListFailedAsync(string? webhookId, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var select = webhookId is null
            ? connection.Command($"{SelectFailed} ORDER BY webhook_id, cursor")
            : connection.Command($"{SelectFailed} WHERE webhook_id = @id ORDER BY cursor", ("@id", webhookId));
        return await select.ReadAllAsync(ReadFailed, cancellationToken);
    }

    public async Task<int> RetryFailedAsync(string webhookId, CancellationToken cancellationToken)
    {
        // attempts = 0: the retry starts a new series of attempts (and a new day before it gives up again).
        await using var connection = await open(cancellationToken);
        await using var update = connection.Command(
            "UPDATE webhook_failures SET retrying = 1, attempts = 0 WHERE webhook_id = @id AND retrying = 0", ("@id", webhookId));
        return await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> TryLeaseAsync(string webhookId, string node, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // One statement: the row's lock decides between nodes that try at the same moment.
        await using var connection = await open(cancellationToken);
        await using var update = connection.Command(
            "UPDATE webhooks SET lease_node = @node, lease_expires = @until " +
            "WHERE id = @id AND (lease_node IS NULL OR lease_node = @node OR lease_expires < @now)",
            ("@id", webhookId), ("@node", node), ("@until", rows.ToDb(until)), ("@now", rows.ToDb(now)));
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseLeaseAsync(string webhookId, string node, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var update = connection.Command(
            "UPDATE webhooks SET lease_node = NULL, lease_expires = NULL WHERE id = @id AND lease_node = @node", ("@id", webhookId), ("@node", node));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task RecordFailingAsync(string webhookId, DateTimeOffset failingSince, int attempts, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var update = connection.Command("UPDATE webhooks SET failing_since = @since, attempts = @attempts WHERE id = @id",
            ("@id", webhookId), ("@since", rows.ToDb(failingSince)), ("@attempts", attempts));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AdvanceAsync(string webhookId, long cursor, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await Advance(connection, null, webhookId, cursor, cancellationToken);
    }

    public async Task SetAsideAsync(FailedDelivery failure, bool advance, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, """
            INSERT INTO webhook_failures (webhook_id, cursor, kind, first_failed_at, attempts, last_error, retrying)
            VALUES (@id, @cursor, @kind, @first, @attempts, @error, @retrying)
            ON CONFLICT (webhook_id, cursor) DO UPDATE SET first_failed_at = excluded.first_failed_at, attempts = excluded.attempts,
                last_error = excluded.last_error, retrying = excluded.retrying
            """, cancellationToken, ("@id", failure.WebhookId), ("@cursor", failure.Cursor), ("@kind", failure.Kind),
            ("@first", rows.ToDb(failure.FirstFailedAt)), ("@attempts", failure.Attempts), ("@error", failure.LastError),
            ("@retrying", failure.Retrying ? 1 : 0));
        if (advance)
        {
            await Advance(connection, transaction, failure.WebhookId, failure.Cursor, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task ForgetFailureAsync(string webhookId, long cursor, CancellationToken cancellationToken)
    {
        await using var connection = await open(cancellationToken);
        await using var delete = connection.Command("DELETE FROM webhook_failures WHERE webhook_id = @id AND cursor = @cursor",
            ("@id", webhookId), ("@cursor", cursor));
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Moves the cursor forward only (never back: a late write of an older position is ignored) and clears the
    /// failing figures, which belonged to the event just handled.</summary>
    private static Task<int> Advance(DbConnection connection, DbTransaction? transaction, string webhookId, long cursor, CancellationToken cancellationToken) =>
        Execute(connection, transaction, "UPDATE webhooks SET cursor = @cursor, failing_since = NULL, attempts = 0 WHERE id = @id AND cursor < @cursor",
            cancellationToken, ("@id", webhookId), ("@cursor", cursor));

    private static async Task<int> Execute(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, parameters);
        command.Transaction = transaction;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private WebhookRecord Read(DbDataReader r) => new(
        Id: r.GetString(0),
        Url: r.GetString(1),
        Kinds: r.GetString(2).Split(','),
        Cursor: r.GetInt64(3),
        CreatedAt: rows.ReadTime(r, 4),
        FailingSince: r.IsDBNull(5) ? null : rows.ReadTime(r, 5),
        Attempts: r.GetInt32(6),
        Failed: (int)r.GetInt64(7));

    private FailedDelivery ReadFailed(DbDataReader r) => new(
        WebhookId: r.GetString(0),
        Cursor: r.GetInt64(1),
        Kind: r.GetString(2),
        FirstFailedAt: rows.ReadTime(r, 3),
        Attempts: r.GetInt32(4),
        LastError: r.GetString(5),
        Retrying: r.GetInt32(6) != 0);
}
