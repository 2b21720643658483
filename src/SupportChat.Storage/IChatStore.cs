using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage;

/// <summary>
/// Durable history: an append-only message log plus the conversations it belongs to.
/// Every method returns only after its write is durable (per the configured durability).
/// </summary>
public interface IChatStore
{
    /// <summary>Creates or migrates the schema. Safe to call more than once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a conversation's row (everything but its messages).</summary>
    Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken);

    /// <summary>
    /// Appends one message; many concurrent appends are group-committed in one transaction. A (ConversationId, Seq)
    /// that is already taken throws <see cref="StoreConflictException"/>: the caller (the conversation, which knows
    /// every send it has stored) then reads what the store holds and retries. The log is append-only with a single
    /// key, so a commit costs little more than its rows.
    /// </summary>
    Task<StoredMessage> AppendAsync(StoredMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Appends several messages of one conversation, in order, in one group commit: all are durable when it returns.
    /// On a seq conflict (<see cref="StoreConflictException"/>) those before the conflicting one may have been written;
    /// the caller catches up from the store as for <see cref="AppendAsync"/>. The result is the input, in order.
    /// </summary>
    async Task<IReadOnlyList<StoredMessage>> AppendBatchAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        var stored = new List<StoredMessage>(messages.Count);
        foreach (var message in messages)
        {
            stored.Add(await AppendAsync(message, cancellationToken));
        }

        return stored;
    }

    /// <summary>Stores (or replaces) the customer's rating of a conversation; durable when it returns.</summary>
    Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken);

    Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Messages with seq greater than <paramref name="afterSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken);

    /// <summary>Newest first; limit 0 means all. MessageCount is the number of stored messages.</summary>
    Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Conversations not yet ended, oldest first (used to recover after a restart).</summary>
    Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken);
}
