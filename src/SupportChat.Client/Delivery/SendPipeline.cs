using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grpc.Core;
using SupportChat.Client.Events;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Delivery;

/// <summary>
/// The sending half of a session, lasting across its streams. Commands wait in a bounded outbox drained by one
/// writer loop per stream (a request stream takes one write at a time). Every send stays pending under its
/// client_msg_id until the server answers: after a reconnect the writer sends again, in order and with the same
/// ids, whatever the broken stream did not get acknowledged, and a send the server could not take this time goes
/// out again after a pause. Sends are paced below the rate the server announces.
/// </summary>
internal sealed class SendPipeline<TCommand>
    where TCommand : class
{
    private const int OutgoingCapacity = 1024;
    private const int MaxTransientRetries = 20;
    private const double PaceMargin = 0.8;

    private readonly ISessionRole<TCommand> _role;
    private readonly PendingSends _pending;
    private readonly TimeProvider _time;
    private readonly Channel<TCommand> _outgoing = Channel.CreateBounded<TCommand>(new BoundedChannelOptions(OutgoingCapacity) { SingleReader = true });
    private readonly Channel<PendingSend> _retries = Channel.CreateUnbounded<PendingSend>();
    private readonly CancellationTokenSource _closed = new();
    private readonly Random _jitter = new();
    private TokenBucket? _pace;
    private TCommand? _carried;

    public SendPipeline(ISessionRole<TCommand> role, PendingSends pending, TimeProvider time)
    {
        _role = role;
        _pending = pending;
        _time = time;
    }

    /// <summary>Queues a send; the outcome arrives as a message event (success) or an error event.</summary>
    /// <exception cref="ChatClientException">InvalidArgument for a text the server would refuse (nothing is sent);
    /// Unavailable once the session is closed.</exception>
    public async Task<PendingSend> QueueSendAsync(string? conversationId, string text, CancellationToken cancellationToken)
    {
        CheckText(text);
        var clientMsgId = Guid.CreateVersion7().ToString();
        var send = _pending.Add(clientMsgId, conversationId, text);
        try
        {
            await QueueAsync(_role.WrapSend(ToWire(send)), cancellationToken);
        }
        catch
        {
            _pending.TryTake(clientMsgId, out _);
            throw;
        }

        return send;
    }

    /// <summary>Queues any command; it is written after everything queued before it.</summary>
    /// <exception cref="ChatClientException">Unavailable once the session is closed.</exception>
    public async Task QueueAsync(TCommand command, CancellationToken cancellationToken)
    {
        if (!await _outgoing.Writer.WaitToWriteAsync(cancellationToken) || !_outgoing.Writer.TryWrite(command))
        {
            throw new ChatClientException(nameof(StatusCode.Unavailable), "the session is closed.");
        }
    }

    /// <summary>Paces sends below the server's limit from now on; the first limit the server announces is kept.</summary>
    public void PaceBelow(double perSecond, int burst)
    {
        // Below the server's limit: sends arrive with jitter, and a refused send costs a retry.
        _pace ??= new TokenBucket(perSecond * PaceMargin, Math.Max(1, burst / 2), _time);
    }

    /// <summary>Takes a send the server could not take this time (Unavailable: not stored; ResourceExhausted: over
    /// the rate) back to send it again after a pause with the same client_msg_id, rather than fail it. After
    /// <see cref="MaxTransientRetries"/> it fails, and <paramref name="gaveUp"/> is the error event that says so.</summary>
    /// <returns>False when the event is not such a refusal of a pending send: translate it as usual.</returns>
    public bool TryRetry(ServerEvent e, out ServerError? gaveUp)
    {
        gaveUp = null;
        if (e.EventCase != ServerEvent.EventOneofCase.Error
            || e.Error.Code is not ("Unavailable" or "ResourceExhausted")
            || e.Error.ClientMsgId.Length == 0
            || !_pending.TryTake(e.Error.ClientMsgId, out var send))
        {
            return false;
        }

        if (++send.Retries > MaxTransientRetries)
        {
            const string message = "the server could not store this message; it was not sent.";
            send.Fail(new ChatClientException(nameof(StatusCode.Unavailable), message));
            gaveUp = new ServerError(nameof(StatusCode.Unavailable), message, send.ClientMsgId, send.ConversationId);
            return true;
        }

        _pending.Restore(send);
        send.Written = false;
        _ = DelayThenRetryAsync(send, Backoff.Delay(send.Retries, _jitter));
        return true;
    }

    /// <summary>No more commands: the writer ends its request stream once the outbox is drained.</summary>
    public void CompleteOutbox() => _outgoing.Writer.TryComplete();

    /// <summary>The session is over: nothing more is queued or retried, and what is still pending fails.</summary>
    public void Close()
    {
        _closed.Cancel();
        _pending.FailAll(nameof(StatusCode.Unavailable), "the session closed before the server acknowledged this message.");
        _outgoing.Writer.TryComplete();
        _retries.Writer.TryComplete();
    }

    /// <summary>One stream's writer: the hello, then every send the previous stream did not get acknowledged, then the
    /// outbox. Completes the request stream only when the outbox is completed and drained (leaving).</summary>
    /// <param name="requests">The stream's request side.</param>
    /// <param name="accepted">Completes when the server has accepted the hello; canceled when the stream ended first.</param>
    /// <param name="token">Canceled when the stream is over.</param>
    public async Task WriteLoopAsync(IClientStreamWriter<TCommand> requests, Task accepted, CancellationToken token)
    {
        try
        {
            await requests.WriteAsync(_role.Hello(), token);

            // Only the hello until the server accepts it: were it refused, whatever followed would be lost with the
            // stream, and the acceptance brings the send limit to pace by.
            await accepted.WaitAsync(token);
            foreach (var send in _pending.Unacknowledged())
            {
                await WriteSendAsync(requests, send, null, token);
            }

            if (_carried is { } carried)
            {
                await WriteAsync(requests, carried, token);
                _carried = null;
            }

            await foreach (var command in MergedOutboxAsync(token))
            {
                await WriteAsync(requests, command, token);
            }

            token.ThrowIfCancellationRequested();
            await requests.CompleteAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException or IOException)
        {
            // The stream is over; the reader says why, and the next stream picks up where this one stopped.
        }
    }

    /// <summary>The server's own rules, checked here too so that a text it would refuse (or a message too big
    /// for the wire, which would cost the whole stream) never leaves the client.</summary>
    private static void CheckText(string text)
    {
        try
        {
            CommandRules.Text(text);
        }
        catch (InvalidCommandException ex)
        {
            throw new ChatClientException(nameof(StatusCode.InvalidArgument), ex.Message);
        }
    }

    private static SendMessage ToWire(PendingSend send) =>
        new() { ClientMsgId = send.ClientMsgId, ConversationId = send.ConversationId ?? string.Empty, Text = send.Text };

    /// <summary>The outbox, with sends the server could not store (transiently) slipped back in after a pause.</summary>
    private async IAsyncEnumerable<TCommand> MergedOutboxAsync([EnumeratorCancellation] CancellationToken token)
    {
        while (true)
        {
            if (_retries.Reader.TryRead(out var retry))
            {
                yield return _role.WrapSend(ToWire(retry));
                continue;
            }

            if (_outgoing.Reader.TryRead(out var command))
            {
                yield return command;
                continue;
            }

            var outgoing = _outgoing.Reader.WaitToReadAsync(token).AsTask();
            var retried = _retries.Reader.WaitToReadAsync(token).AsTask();
            await Task.WhenAny(outgoing, retried);
            if (outgoing.IsCompletedSuccessfully && !outgoing.Result && _retries.Reader.Count == 0)
            {
                yield break; // left: nothing more will be sent
            }

            token.ThrowIfCancellationRequested();
        }
    }

    private async Task WriteAsync(IClientStreamWriter<TCommand> requests, TCommand command, CancellationToken token)
    {
        if (_role.AsSend(command) is { } send && _pending.TryGet(send.ClientMsgId) is { } pending)
        {
            await WriteSendAsync(requests, pending, command, token);
            return;
        }

        try
        {
            await requests.WriteAsync(command, token);
        }
        catch
        {
            // Not a send (those are resent from the pending sends): keep it for the next stream.
            _carried = command;
            throw;
        }
    }

    /// <summary>Writes a send within the server's rate, so a well-behaved client is never refused for speed. The
    /// send as queued is written when it comes from the outbox (<paramref name="command"/>); otherwise it is built again.</summary>
    private async Task WriteSendAsync(IClientStreamWriter<TCommand> requests, PendingSend send, TCommand? command, CancellationToken token)
    {
        // Out of the outbox for good: if this stream breaks while the send waits for its turn or is being
        // written, the next stream sends it again.
        send.Written = true;
        if (_pace is { } pace)
        {
            while (!pace.TryTake())
            {
                await Task.Delay(pace.TimeUntilNext(), _time, token);
            }
        }

        await requests.WriteAsync(command ?? _role.WrapSend(ToWire(send)), token);
    }

    private async Task DelayThenRetryAsync(PendingSend send, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _closed.Token);
            _retries.Writer.TryWrite(send);
        }
        catch (OperationCanceledException)
        {
            // The session closed meanwhile: the send failed with it.
        }
    }
}
