using System.Collections.Concurrent;
using SupportChat.Client.Events;

namespace SupportChat.Client.Sessions;

/// <summary>Sends the server has not acknowledged yet (the outbox), keyed by client_msg_id.</summary>
internal sealed class PendingSends
{
    private readonly ConcurrentDictionary<string, PendingSend> _sends = new(StringComparer.Ordinal);
    private long _order;

    public PendingSend Add(string clientMsgId, string? conversationId, string text)
    {
        var send = new PendingSend(clientMsgId, conversationId, text, Interlocked.Increment(ref _order));
        _sends[clientMsgId] = send;
        return send;
    }

    public bool TryTake(string clientMsgId, out PendingSend send) => _sends.TryRemove(clientMsgId, out send!);

    public PendingSend? TryGet(string clientMsgId) => _sends.GetValueOrDefault(clientMsgId);

    /// <summary>Puts back a send taken out for a transient failure, to be retried.</summary>
    public void Restore(PendingSend send) => _sends[send.ClientMsgId] = send;

    /// <summary>Sends handed to a stream that broke, in the order they were made: they go out again first.</summary>
    public IReadOnlyList<PendingSend> Unacknowledged() => [.. _sends.Values.Where(s => s.Written).OrderBy(s => s.Order)];

    /// <summary>The session is over: nobody will acknowledge what is still pending.</summary>
    public void FailAll(string code, string message)
    {
        foreach (var key in _sends.Keys)
        {
            if (_sends.TryRemove(key, out var send))
            {
                send.Fail(new ChatClientException(code, message));
            }
        }
    }
}

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
