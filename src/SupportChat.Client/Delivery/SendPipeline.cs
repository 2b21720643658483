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
/// ids, whatever the broken stream did not get acknowledged. A send the server could not take this time holds the
/// writer back and goes out again after a pause, followed by every send written after it (go-back-N, see
/// <see cref="ResendWindow"/>), so the server stores a sender's messages in the order they were made.
/// Sends are paced below the rate the server announces.
/// </summary>
/// <remarks>
/// Give-up policy: a send refused for a passing reason (Unavailable, ResourceExhausted) is never failed while the
/// session lives; failing it would let a later message be stored before it. It is sent again after a jittered
/// back-off that doubles with each round it leads (0.25 s up to 30 s), and once it has led
/// <see cref="ResendWindow.HeldNoticeAfter"/> rounds in vain the application gets one <see cref="ServerError"/> with the
/// refusal's code and the send's client_msg_id saying that it and the sends after it are held (not failed). Held
/// sends fail only when the session ends (Unavailable), as every unacknowledged send does.
/// </remarks>
internal sealed class SendPipeline<TCommand>
    where TCommand : class
{
    private const int OutgoingCapacity = 1024;
    private const double PaceMargin = 0.8;

    private readonly ISessionRole<TCommand> _role;
    private readonly PendingSends _pending;
    private readonly ResendWindow _window;
    private readonly TimeProvider _time;
    private readonly Channel<TCommand> _outgoing = Channel.CreateBounded<TCommand>(new BoundedChannelOptions(OutgoingCapacity) { SingleReader = true });
    private TokenBucket? _pace;
    private TCommand? _carried;

    public SendPipeline(ISessionRole<TCommand> role, PendingSends pending, TimeProvider time)
    {
        _role = role;
        _pending = pending;
        _window = new ResendWindow(pending, time);
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

    /// <summary>Takes a refusal of a send that the server could not take this time (Unavailable: not stored, or held
    /// back behind an earlier refused send; ResourceExhausted: over the rate) into the resend window: the send stays
    /// pending and goes out again, with the same client_msg_id, in its place among the sends after it.</summary>
    /// <param name="e">Any event the server sent.</param>
    /// <param name="notice">Set when the application should hear that sends are held (see the give-up policy).</param>
    /// <returns>False when the event is not such a refusal: translate it as usual.</returns>
    public bool TryRetry(ServerEvent e, out ServerError? notice)
    {
        notice = null;
        if (e.EventCase != ServerEvent.EventOneofCase.Error
            || e.Error.Code is not (nameof(StatusCode.Unavailable) or nameof(StatusCode.ResourceExhausted))
            || e.Error.ClientMsgId.Length == 0)
        {
            return false;
        }

        // A send no longer pending was acknowledged already: this refusal answers a duplicate write of it (a resend
        // that crossed the ack, refused for the rate before the server found the copy), and the message is stored.
        if (_pending.TryGet(e.Error.ClientMsgId) is { } send)
        {
            notice = _window.Refused(send, e.Error.Code);
        }

        return true;
    }

    /// <summary>No more commands: the writer ends its request stream once the outbox is drained.</summary>
    public void CompleteOutbox() => _outgoing.Writer.TryComplete();

    /// <summary>The session is over: nothing more is queued or retried, and what is still pending fails.</summary>
    public void Close()
    {
        _window.Close();
        _pending.FailAll(nameof(StatusCode.Unavailable), "the session closed before the server acknowledged this message.");
        _outgoing.Writer.TryComplete();
    }

    /// <summary>One stream's writer: the hello, then every send the previous stream did not get acknowledged, then the
    /// outbox, with the resend rounds of the <see cref="ResendWindow"/> ahead of anything new. Completes the request
    /// stream only when the outbox is completed and drained and nothing is held (leaving).</summary>
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
            await WriteAgainAsync(requests, _window.Restart(), token);

            if (_carried is { } carried)
            {
                await WriteAsync(requests, carried, token);
                _carried = null;
            }

            await DrainAsync(requests, token);
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

    /// <summary>Writes the outbox until it is completed and drained. While a refusal holds sends back nothing new is
    /// taken from it; once the back-off is over the round of resends goes first.</summary>
    private async Task DrainAsync(IClientStreamWriter<TCommand> requests, CancellationToken token)
    {
        while (true)
        {
            token.ThrowIfCancellationRequested();
            if (_window.TakeRound() is { } round)
            {
                await WriteAgainAsync(requests, round, token);
                continue;
            }

            if (_window.IsHolding(out var roundDue))
            {
                await roundDue.WaitAsync(token);
                continue;
            }

            if (_outgoing.Reader.TryRead(out var command))
            {
                await WriteAsync(requests, command, token);
                continue;
            }

            var more = _outgoing.Reader.WaitToReadAsync(token).AsTask();
            if (await Task.WhenAny(more, roundDue) == more && more.IsCompletedSuccessfully && !more.Result && !_window.IsHolding(out _))
            {
                return; // left: nothing more will be sent
            }
        }
    }

    private async Task WriteAgainAsync(IClientStreamWriter<TCommand> requests, IReadOnlyList<PendingSend> sends, CancellationToken token)
    {
        foreach (var send in sends)
        {
            await WriteSendAsync(requests, send, null, token);
        }
    }

    private async Task WriteAsync(IClientStreamWriter<TCommand> requests, TCommand command, CancellationToken token)
    {
        if (_role.AsSend(command) is { } send && _pending.TryGet(send.ClientMsgId) is { } pending)
        {
            _window.Writing(pending);
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
}
