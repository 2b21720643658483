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

    /// <summary>Resend rounds this send has led: each time it was the earliest send refused for a passing reason and
    /// went out again (with everything after it). Sets its back-off and when the application hears it is held.</summary>
    public int Retries;

    /// <summary>Writes of this send on the current stream still waiting for their answer (an ack or an error): a
    /// refusal that leaves another write outstanding answers an older copy and says nothing new. Guarded by the
    /// <see cref="ResendWindow"/>'s lock.</summary>
    public int InFlight;

    /// <summary>Set once the application was told that this send is held (see <see cref="ResendWindow"/>).</summary>
    public bool HeldNoticed;

    public Task<MessageReceived> Outcome => _outcome.Task;

    public void Succeed(MessageReceived message) => _outcome.TrySetResult(message);

    public void Fail(Exception error)
    {
        _outcome.TrySetException(error);
        // Fire-and-forget senders learn of failures from the error event; keep the fault observed.
        _ = _outcome.Task.Exception;
    }
}
