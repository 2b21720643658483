using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage;

/// <summary>A write waiting for the writer loop; completed only after its transaction commits.</summary>
internal abstract class PendingWrite
{
    public abstract void Fail(Exception error);

    /// <summary>Its transaction committed: the caller hears the outcome (a unit's conflict included).</summary>
    public abstract void Complete();
}

/// <summary>Messages of one conversation written as one unit (one savepoint inside the group commit).</summary>
internal sealed class PendingAppend(IReadOnlyList<StoredMessage> messages) : PendingWrite
{
    public IReadOnlyList<StoredMessage> Messages { get; } = messages;

    /// <summary>The rows as stored (the original one where a send was a duplicate), or the unit's error.</summary>
    public List<StoredMessage> Results { get; } = new(messages.Count);

    public Exception? Error { get; set; }

    public TaskCompletionSource<IReadOnlyList<StoredMessage>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception error) => Completion.TrySetException(error);

    public override void Complete()
    {
        if (Error is not null)
        {
            Completion.TrySetException(Error);
        }
        else
        {
            Completion.TrySetResult(Results);
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
