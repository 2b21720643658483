using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage;

/// <summary>A write waiting for the writer loop; completed only after its transaction commits.</summary>
internal abstract class PendingWrite
{
    public abstract void Fail(Exception error);

    /// <summary>Its transaction committed: the caller hears the outcome (a unit's conflict included).</summary>
    public abstract void Complete();
}

/// <summary>Consecutive messages of one conversation, written as one unit of the group commit: the unit fails alone
/// when one of its seqs is taken, while the other units of the transaction commit.</summary>
internal sealed class PendingAppend(IReadOnlyList<StoredMessage> messages) : PendingWrite
{
    public IReadOnlyList<StoredMessage> Messages { get; } = messages;

    /// <summary>Set when a seq of the unit was taken: the unit's caller hears of it once the transaction commits.</summary>
    public StoreConflictException? Conflict { get; private set; }

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Records that <paramref name="taken"/>'s (conversation, seq) was already stored.</summary>
    public void Conflicted(StoredMessage taken) =>
        Conflict ??= new StoreConflictException($"conversation {taken.ConversationId} already has seq {taken.Seq}");

    public override void Fail(Exception error) => Completion.TrySetException(error);

    public override void Complete()
    {
        if (Conflict is not null)
        {
            Completion.TrySetException(Conflict);
        }
        else
        {
            Completion.TrySetResult();
        }
    }
}

internal sealed class PendingConversation(ConversationRecord conversation) : PendingWrite
{
    public ConversationRecord Conversation { get; } = conversation;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception error) => Completion.TrySetException(error);

    public override void Complete() => Completion.TrySetResult();
}
