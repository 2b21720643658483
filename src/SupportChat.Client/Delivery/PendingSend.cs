using SupportChat.Client.Events;

namespace SupportChat.Client.Delivery;

/// <summary>One unacknowledged send. Its outcome is observed only by callers that wait for it.</summary>
internal sealed class PendingSend(string clientMsgId, string? conversationId, string text, long order)
{
    private readonly TaskCompletionSource<MessageReceived> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ClientMsgId { get; } = clientMsgId;

    public string? ConversationId { get; } = conversationId;

    public string Text { get; } = text;

    /// <summary>Send order within the session, so resends keep it.</summary>
    public long Order { get; } = order;

    /// <summary>Set once taken from the outbox for a stream; from then on only an ack or a rejection settles it,
    /// and a broken stream means it is sent again on the next.</summary>
    public volatile bool Written;

    /// <summary>Transient rejections (the server could not store it) retried so far.</summary>
    public int Retries;

    public Task<MessageReceived> Outcome => _outcome.Task;

    public void Succeed(MessageReceived message) => _outcome.TrySetResult(message);

    public void Fail(Exception error)
    {
        _outcome.TrySetException(error);
        // Fire-and-forget senders learn of failures from the error event; keep the fault observed.
        _ = _outcome.Task.Exception;
    }
}
