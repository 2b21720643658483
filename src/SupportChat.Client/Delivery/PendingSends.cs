using System.Collections.Concurrent;

namespace SupportChat.Client.Delivery;

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

    /// <summary>Sends handed to a stream that broke, in the order they were made: they go out again first.</summary>
    public IReadOnlyList<PendingSend> Unacknowledged() => WrittenFrom(long.MinValue);

    /// <summary>Sends written and not yet acknowledged from a given send on (by <see cref="PendingSend.Order"/>), in
    /// the order they were made.</summary>
    public IReadOnlyList<PendingSend> WrittenFrom(long order) =>
        [.. _sends.Values.Where(s => s.Written && s.Order >= order).OrderBy(s => s.Order)];

    /// <summary>Every send still pending, in no particular order.</summary>
    public IEnumerable<PendingSend> All => _sends.Values;

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
