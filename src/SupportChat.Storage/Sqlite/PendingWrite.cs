using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage.Sqlite;

/// <summary>A write waiting for the writer loop; completed only after its transaction commits.</summary>
internal abstract class PendingWrite
{
    public abstract void Fail(Exception error);
}

internal sealed class PendingAppend(StoredMessage message) : PendingWrite
{
    public StoredMessage Message { get; } = message;

    /// <summary>The row as stored (the original one when the send was a duplicate), or the statement's error.</summary>
    public StoredMessage? Result { get; set; }

    public Exception? Error { get; set; }

    public TaskCompletionSource<StoredMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception error) => Completion.TrySetException(error);

    public void Complete()
    {
        if (Error is not null)
        {
            Completion.TrySetException(Error);
        }
        else
        {
            Completion.TrySetResult(Result!);
        }
    }
}

internal sealed class PendingConversation(ConversationRecord conversation) : PendingWrite
{
    public ConversationRecord Conversation { get; } = conversation;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Fail(Exception error) => Completion.TrySetException(error);
}
