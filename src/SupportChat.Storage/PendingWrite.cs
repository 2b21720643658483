using System.Diagnostics;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage;

/// <summary>A write waiting for the writer loop; its caller hears of it only once its transaction has committed or failed.</summary>
internal abstract class PendingWrite(string kind = "write")
{
    /// <summary>This write's span in its caller's trace (<see cref="StoreTracing"/>), or null when tracing is off.</summary>
    public Activity? Span { get; } = StoreTracing.StartWrite(kind);

    // Asynchronous continuations: the writer loop completes a whole batch and must not run its callers' code meanwhile.
    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The feed events the write makes: stored in its transaction, after the batch's other rows, with the next
    /// cursors.</summary>
    public virtual IReadOnlyList<ChatEvent> Events => [];

    /// <summary>Its transaction failed: nothing of it is acknowledged.</summary>
    public void Fail(Exception error)
    {
        StoreTracing.End(Span, error);
        Completion.TrySetException(error);
    }

    /// <summary>Its transaction committed: the caller hears the outcome.</summary>
    public virtual void Complete()
    {
        StoreTracing.End(Span, null);
        Completion.TrySetResult();
    }
}

/// <summary>Consecutive messages of one conversation, written as one unit of the group commit, all or none: the unit
/// fails alone, none of its rows written, when one of its seqs is taken, while the other units of the transaction
/// commit.</summary>
internal sealed class PendingAppend(IReadOnlyList<StoredMessage> messages, Action? durable = null) : PendingWrite("append")
{
    public IReadOnlyList<StoredMessage> Messages { get; } = messages;

    /// <summary>Set when a seq of the unit was taken: the unit's caller hears of it once the transaction commits.</summary>
    public StoreConflictException? Conflict { get; private set; }

    /// <summary>Records that <paramref name="taken"/>'s (conversation, seq) was already stored; the first one counts.</summary>
    public void Conflicted(StoredMessage taken) =>
        Conflict ??= new StoreConflictException($"conversation {taken.ConversationId} already has seq {taken.Seq}");

    public override void Complete()
    {
        if (Conflict is not null)
        {
            StoreTracing.End(Span, Conflict);
            Completion.TrySetException(Conflict);
        }
        else
        {
            try
            {
                durable?.Invoke();
            }
            catch (Exception)
            {
                // The writer loop must not stop for it, and the unit is durable either way: its waiter is told below. A
                // stream that missed its messages this way fills the gap from the conversation, as after any lost notice.
            }

            base.Complete();
        }
    }
}

/// <summary>A conversation's row, inserted or replaced in the group commit, with the events its change made.</summary>
internal sealed class PendingConversation(ConversationRecord conversation, IReadOnlyList<ChatEvent> events) : PendingWrite("conversation")
{
    public ConversationRecord Conversation { get; } = conversation;

    public override IReadOnlyList<ChatEvent> Events { get; } = events;
}

/// <summary>Events that change no row of their own (an agent's presence).</summary>
internal sealed class PendingEvents(IReadOnlyList<ChatEvent> events) : PendingWrite("events")
{
    public override IReadOnlyList<ChatEvent> Events { get; } = events;
}

/// <summary>A customer's rating of a conversation, with its conversation.rated event.</summary>
internal sealed class PendingRating(string conversationId, ConversationRating rating, ChatEvent rated) : PendingWrite("rating")
{
    public string ConversationId { get; } = conversationId;

    public ConversationRating Rating { get; } = rating;

    public override IReadOnlyList<ChatEvent> Events { get; } = [rated];
}

/// <summary>A private note (issue 21): a row of its own table, never a message seq.</summary>
internal sealed class PendingNote(StoredNote note) : PendingWrite
{
    public StoredNote Note { get; } = note;
}
