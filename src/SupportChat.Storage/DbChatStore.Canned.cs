using SupportChat.Domain.Canned;

namespace SupportChat.Storage;

/// <summary>The canned replies: a small table written rarely (by an admin), so on a pooled connection of its own rather
/// than through the group commit.</summary>
public abstract partial class DbChatStore : ICannedReplyStore
{
    private const string SelectCanned = "SELECT shortcut, text FROM canned_replies ORDER BY shortcut";

    /// <inheritdoc />
    public async Task<IReadOnlyList<CannedReply>> ListCannedRepliesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.Command(SelectCanned);
        var replies = await select.ReadAllAsync(r => new CannedReply(r.GetString(0), r.GetString(1)), cancellationToken);
        // Ordinal whatever the database's collation: the order the list promises, the same in both stores.
        replies.Sort((a, b) => string.CompareOrdinal(a.Shortcut, b.Shortcut));
        return replies;
    }

    /// <inheritdoc />
    public async Task<bool> SaveCannedReplyAsync(CannedReply reply, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        // No transaction: the one grain that writes the list (CannedRepliesGrain) makes one change at a time, and in SQLite a
        // read that turns into a write could fail on a commit of the history's writer in between.
        await using var connection = await OpenAsync(cancellationToken);
        await using var probe = connection.Command("SELECT COUNT(*) FROM canned_replies WHERE shortcut = @shortcut", ("@shortcut", reply.Shortcut));
        var existed = Convert.ToInt64(await probe.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
        await using var upsert = connection.Command("""
            INSERT INTO canned_replies (shortcut, text, updated_at) VALUES (@shortcut, @text, @at)
            ON CONFLICT (shortcut) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at
            """, ("@shortcut", reply.Shortcut), ("@text", reply.Text), ("@at", _rows.ToDb(at)));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        return existed;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveCannedReplyAsync(string shortcut, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var delete = connection.Command("DELETE FROM canned_replies WHERE shortcut = @shortcut", ("@shortcut", shortcut));
        return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
