using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;

namespace SupportChat.Domain.Persistence;

/// <summary>
/// Durable history: an append-only message log plus the conversations it belongs to.
/// Every write returns only after it is durable (per the configured durability).
/// </summary>
public interface IChatStore
{
    /// <summary>Creates whatever of the schema is missing and starts taking writes (which are refused before). Safe to
    /// call more than once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces a conversation's row (everything but its messages and rating); committed with the
    /// appends waiting at the same time.</summary>
    Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken) =>
        SaveConversationAsync(conversation, [], cancellationToken);

    /// <summary>Saves the conversation's row and the events its change made, in one transaction: both or neither. The
    /// events get the next cursors of the feed, in order.</summary>
    Task SaveConversationAsync(ConversationRecord conversation, IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken);

    /// <summary>Stores events that change no conversation (an agent's presence) as a write of their own; durable when it
    /// returns.</summary>
    Task RecordEventsAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken);

    /// <summary>Events with a cursor greater than <paramref name="afterCursor"/>, in cursor order, at most
    /// <paramref name="limit"/>. Cursors are gapless and given in commit order, so a reader that goes on from the last
    /// one it got never skips one.</summary>
    Task<IReadOnlyList<ChatEvent>> ReadEventsAsync(long afterCursor, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Appends consecutive messages of one conversation, in order, as one unit: all of them or none. Concurrent appends
    /// are group-committed, many units in one transaction, and every message is durable when the task completes. A
    /// (ConversationId, Seq) that is already taken fails the unit with <see cref="StoreConflictException"/> and no other
    /// unit, and none of the unit's messages is written; the caller (the conversation, which knows every send it has
    /// stored) reads what the store holds and retries the unit's sends after it. None rather than some, because rows
    /// of the unit left after the taken one would be read back ahead of the retried ones: a sender's messages would be
    /// stored out of the order it sent them. Cancelling stops the wait, not the write.
    /// </summary>
    Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="AppendAsync(IReadOnlyList{StoredMessage}, CancellationToken)"/>, running <paramref name="durable"/> once
    /// the unit is durable and before the task completes (never when it fails). A store with a writer of its own runs it
    /// there, right after the commit, so that what the caller tells others on durability goes out without first waiting
    /// for the caller to be scheduled again; it must be quick, must not throw, and must not touch what the caller may
    /// change meanwhile (the caller is awaiting this task).
    /// </summary>
    async Task AppendAsync(IReadOnlyList<StoredMessage> messages, Action durable, CancellationToken cancellationToken)
    {
        await AppendAsync(messages, cancellationToken);
        durable();
    }

    /// <summary>Stores (or replaces) the customer's rating of a conversation, with its conversation.rated event in the same
    /// transaction; durable when it returns.</summary>
    Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken);

    /// <summary>The conversation with its message count and rating, or null.</summary>
    Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Messages with seq greater than <paramref name="afterSeq"/>, in seq order.</summary>
    Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken);

    /// <summary>Stores one private note (issue 21) through the same writer as messages; durable when it returns. A note whose
    /// (conversation, note_seq) is already stored is left as it is (a retry of a write whose success was not heard).</summary>
    Task AddNoteAsync(StoredNote note, CancellationToken cancellationToken);

    /// <summary>A conversation's private notes in note_seq order. Agents' and admins' reads only: never for a customer.</summary>
    Task<IReadOnlyList<StoredNote>> GetNotesAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Newest first; a limit of 0 or less means all. MessageCount is the number of stored messages.</summary>
    Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Conversations not yet ended, oldest first (used to recover after a restart).</summary>
    Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken);
}
