using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Grains.Tests.Conversations;

/// <summary>The in-memory store (real batch semantics) with appends that fail on request: before anything is written,
/// after the unit was written (a commit whose answer was lost), or as a conflict every time.</summary>
internal sealed class FlakyChatStore(InMemoryChatStore inner) : IChatStore
{
    private AppendFault _next = AppendFault.None;

    public enum AppendFault
    {
        None,
        BeforeWriting,
        AfterWriting,
        ConflictEveryTime,
    }

    /// <summary>Every append asked for, whether it succeeded or not.</summary>
    public int Appends { get; private set; }

    /// <summary>The next append fails this way (a conflict every time stays until set again).</summary>
    public void FailNextAppend(AppendFault fault) => _next = fault;

    public async Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        Appends++;
        var fault = _next;
        _next = fault == AppendFault.ConflictEveryTime ? fault : AppendFault.None;
        switch (fault)
        {
            case AppendFault.BeforeWriting:
                throw new IOException("the disk is full");
            case AppendFault.ConflictEveryTime:
                throw new StoreConflictException($"seq {messages[0].Seq} is taken");
            case AppendFault.AfterWriting:
                await inner.AppendAsync(messages, cancellationToken);
                throw new IOException("the connection broke after the commit");
            default:
                await inner.AppendAsync(messages, cancellationToken);
                return;
        }
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken) =>
        inner.SaveConversationAsync(conversation, cancellationToken);

    public Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken) =>
        inner.RateAsync(conversationId, rating, cancellationToken);

    public Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        inner.GetConversationAsync(conversationId, cancellationToken);

    public Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken) =>
        inner.GetMessagesAsync(conversationId, afterSeq, cancellationToken);

    public Task AddNoteAsync(StoredNote note, CancellationToken cancellationToken) => inner.AddNoteAsync(note, cancellationToken);

    public Task<IReadOnlyList<StoredNote>> GetNotesAsync(string conversationId, CancellationToken cancellationToken) =>
        inner.GetNotesAsync(conversationId, cancellationToken);

    public Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken) =>
        inner.ListConversationsAsync(limit, cancellationToken);

    public Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken) =>
        inner.ListOpenConversationsAsync(cancellationToken);

    public Task SaveConversationAsync(ConversationRecord conversation, IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        inner.SaveConversationAsync(conversation, events, cancellationToken);

    public Task RecordEventsAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) =>
        inner.RecordEventsAsync(events, cancellationToken);

    public Task<IReadOnlyList<ChatEvent>> ReadEventsAsync(long afterCursor, int limit, CancellationToken cancellationToken) =>
        inner.ReadEventsAsync(afterCursor, limit, cancellationToken);
}
