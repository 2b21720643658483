using System.Collections.Concurrent;
using SupportChat.Client.Events;

namespace SupportChat.Client.Sessions;

/// <summary>Sends the server has not acknowledged yet, keyed by client_msg_id.</summary>
internal sealed class PendingSends
{
    private readonly ConcurrentDictionary<string, PendingSend> _sends = new(StringComparer.Ordinal);

    public PendingSend Add(string clientMsgId, string? conversationId, string text)
    {
        var send = new PendingSend(clientMsgId, conversationId, text);
        _sends[clientMsgId] = send;
        return send;
    }

    public bool TryTake(string clientMsgId, out PendingSend send) => _sends.TryRemove(clientMsgId, out send!);

    /// <summary>The stream is gone: nobody will acknowledge what is still pending.</summary>
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
internal sealed class PendingSend(string clientMsgId, string? conversationId, string text)
{
    private readonly TaskCompletionSource<MessageReceived> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string ClientMsgId { get; } = clientMsgId;

    public string? ConversationId { get; } = conversationId;

    public string Text { get; } = text;

    public Task<MessageReceived> Outcome => _outcome.Task;

    public void Succeed(MessageReceived message) => _outcome.TrySetResult(message);

    public void Fail(Exception error)
    {
        _outcome.TrySetException(error);
        // Fire-and-forget senders learn of failures from the error event; keep the fault observed.
        _ = _outcome.Task.Exception;
    }
}
