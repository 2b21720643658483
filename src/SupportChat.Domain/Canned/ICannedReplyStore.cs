namespace SupportChat.Domain.Canned;

/// <summary>Where the canned replies are kept (the chat store's database: one list for the whole cluster).</summary>
public interface ICannedReplyStore
{
    /// <summary>Every reply, in shortcut order (ordinal).</summary>
    Task<IReadOnlyList<CannedReply>> ListCannedRepliesAsync(CancellationToken cancellationToken);

    /// <summary>Adds the reply, or replaces the text of the one with its shortcut; true when it replaced one.</summary>
    Task<bool> SaveCannedReplyAsync(CannedReply reply, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Removes the reply with that shortcut; false when there was none.</summary>
    Task<bool> RemoveCannedReplyAsync(string shortcut, CancellationToken cancellationToken);
}
