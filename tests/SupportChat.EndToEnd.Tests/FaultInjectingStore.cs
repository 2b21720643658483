using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// Wraps the real store and makes the next appends fail, either before anything is written (a failed commit)
/// or after the row is durable (the answer lost on the way back), so tests can check that no message is lost
/// or stored twice either way.
/// </summary>
internal sealed class FaultInjectingStore(IChatStore inner) : IChatStore
{
    private int _failBefore;
    private int _failAfter;

    /// <summary>The next <paramref name="count"/> appends (each a unit of one or more messages) fail without writing.</summary>
    public void FailBeforeCommit(int count) => Interlocked.Exchange(ref _failBefore, count);

    /// <summary>The next <paramref name="count"/> appends are written, then reported as failed.</summary>
    public void FailAfterCommit(int count) => Interlocked.Exchange(ref _failAfter, count);

    public int Injected;

    public async Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _failBefore) >= 0)
        {
            Interlocked.Increment(ref Injected);
            throw new IOException("injected: the disk went away before the commit.");
        }

        await inner.AppendAsync(messages, cancellationToken);
        if (Interlocked.Decrement(ref _failAfter) >= 0)
        {
            Interlocked.Increment(ref Injected);
            throw new IOException("injected: committed, but the answer was lost.");
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken) =>
        inner.SaveConversationAsync(conversation, cancellationToken);

    public Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        inner.GetConversationAsync(conversationId, cancellationToken);

    public Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken) =>
        inner.GetMessagesAsync(conversationId, afterSeq, cancellationToken);

    public Task AddNoteAsync(StoredNote note, CancellationToken cancellationToken) => inner.AddNoteAsync(note, cancellationToken);

    public Task<IReadOnlyList<StoredNote>> GetNotesAsync(string conversationId, CancellationToken cancellationToken) =>
        inner.GetNotesAsync(conversationId, cancellationToken);

    public Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken) =>
        inner.ListConversationsAsync(limit, cancellationToken);

    public Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken) =>
        inner.RateAsync(conversationId, rating, cancellationToken);

    public Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken) =>
        inner.ListOpenConversationsAsync(cancellationToken);

    public Task SaveConversationAsync(ConversationRecord conversation, IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        inner.SaveConversationAsync(conversation, events, cancellationToken);

    public Task RecordEventsAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        inner.RecordEventsAsync(events, cancellationToken);

    public Task<IReadOnlyList<ChatEvent>> ReadEventsAsync(long afterCursor, int limit, CancellationToken cancellationToken) =>
        inner.ReadEventsAsync(afterCursor, limit, cancellationToken);
}
