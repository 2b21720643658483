using Grpc.Core;
using SupportChat.Bench.Measures;
using SupportChat.Protocol.Streaming;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.Bench.Endpoints;

/// <summary>
/// A customer's or an agent's stream on the chat server, driven on the wire: sends go out back to back (many in
/// flight), acks are counted, a send the server refuses (e.g. over a rate limit) is retried with the same
/// client_msg_id, and messages from the other participant are checked.
/// </summary>
internal sealed class ChatEndpoint<TCommand> : IRelayEndpoint
    where TCommand : class
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);
    private readonly AsyncDuplexStreamingCall<TCommand, ServerEvent> _call;
    private readonly Func<SendMessage, TCommand> _wrap;
    private readonly SemaphoreSlim _writing = new(1, 1);
    // By send number: the text of each send not yet acknowledged, to retry it with if the server refuses it. An array
    // rather than a map keeps the load generator's own allocations per message (and its GC work) low.
    private readonly string?[] _unacked;
    private readonly TaskCompletionSource<ServerEvent> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationToken _token;
    private readonly string _prefix = Guid.NewGuid().ToString("N")[..12];
    private readonly Task _reading;
    private int _retried;
    private string? _conversationId;
    private string? _selfId;

    public ChatEndpoint(AsyncDuplexStreamingCall<TCommand, ServerEvent> call, Func<SendMessage, TCommand> wrap, DeliveryCheck check,
        CancellationToken token)
    {
        _call = call;
        _wrap = wrap;
        Check = check;
        _unacked = new string?[check.Expected + 1];
        _token = token;
        _reading = ReadAsync();
    }

    public DeliveryCheck Check { get; }

    public int Retried => Volatile.Read(ref _retried);

    /// <summary>The welcome (customer) or ready (agent) event.</summary>
    public Task<ServerEvent> Hello => _hello.Task;

    /// <summary>The conversation id, once assigned.</summary>
    public Task<string> Assigned => _assigned.Task;

    /// <summary>When the assignment arrived (Stopwatch timestamp).</summary>
    public long AssignedAt { get; private set; }

    public Task WriteAsync(TCommand command) => WriteLockedAsync(command);

    public ValueTask SendAsync(long number, string text, CancellationToken token)
    {
        var id = string.Concat(_prefix, "-", number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (number < _unacked.Length)
        {
            Volatile.Write(ref _unacked[number], text);
        }

        return new(WriteLockedAsync(_wrap(new SendMessage { ClientMsgId = id, ConversationId = _conversationId ?? string.Empty, Text = text })));
    }

    public async ValueTask DisposeAsync()
    {
        _call.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            // The stream ends with the run.
        }

        _writing.Dispose();
    }

    private async Task WriteLockedAsync(TCommand command)
    {
        await _writing.WaitAsync(_token);
        try
        {
            await _call.RequestStream.WriteAsync(command, _token);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task ReadAsync()
    {
        await Task.Yield();
        try
        {
            await foreach (var e in _call.ResponseStream.ReadEventsAsync(_token))
            {
                Handle(e);
            }

            Fail(new RpcException(new Status(StatusCode.Unavailable, "the server ended the stream.")));
        }
        catch (Exception ex)
        {
            Fail(ex);
            throw;
        }
    }

    private void Handle(ServerEvent e)
    {
        switch (e.EventCase)
        {
            case Kind.Welcome or Kind.Ready:
                _selfId = e.EventCase == Kind.Welcome ? e.Welcome.CustomerId : e.Ready.AgentId;
                _hello.TrySetResult(e);
                break;
            case Kind.Assigned:
                _conversationId = e.Assigned.ConversationId;
                AssignedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                _assigned.TrySetResult(e.Assigned.ConversationId);
                break;
            // A stream filling a gap from the log also gets its own messages back: only the peer's are checked.
            case Kind.Message when e.Message.From != SenderRole.System && e.Message.SenderId != _selfId:
                Check.Receive(e.Message.Seq, e.Message.Text);
                break;
            case Kind.Ack:
                if (SendNumber(e.Ack.ClientMsgId) is { } acked)
                {
                    Volatile.Write(ref _unacked[acked], null);
                }

                break;
            case Kind.Error when SendNumber(e.Error.ClientMsgId) is { } refused && Volatile.Read(ref _unacked[refused]) is { } text:
                Interlocked.Increment(ref _retried);
                _ = RetryAsync(e.Error.ClientMsgId, text);
                break;
            case Kind.Error:
                Fail(new RpcException(new Status(StatusCode.Unknown, $"{e.Error.Code}: {e.Error.Message}")));
                break;
        }
    }

    /// <summary>The number of one of this endpoint's sends from its client_msg_id ("prefix-number").</summary>
    private long? SendNumber(string clientMsgId) =>
        clientMsgId.Length > _prefix.Length + 1 && clientMsgId.StartsWith(_prefix, StringComparison.Ordinal) && clientMsgId[_prefix.Length] == '-'
        && long.TryParse(clientMsgId.AsSpan(_prefix.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        && n >= 1 && n < _unacked.Length
            ? n
            : null;

    private async Task RetryAsync(string clientMsgId, string text)
    {
        try
        {
            await Task.Delay(RetryDelay, _token);
            await WriteLockedAsync(_wrap(new SendMessage { ClientMsgId = clientMsgId, ConversationId = _conversationId ?? string.Empty, Text = text }));
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The stream is gone: what was not delivered shows up as lost in the report.
        }
    }

    private void Fail(Exception ex)
    {
        _hello.TrySetException(ex);
        _assigned.TrySetException(ex);
    }
}
