using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client.Events;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.Streaming;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Sessions;

/// <summary>
/// The machinery under a session: one participant's bidirectional stream, kept alive across broken
/// connections. Commands go through a bounded outbox drained by one writer loop (a request stream takes one
/// write at a time); one reader loop turns server events into <see cref="Events"/>. When the stream breaks,
/// the session reconnects with jittered backoff (trying the next server), resumes from the highest seq it has
/// shown, resends every unacknowledged send with its original client_msg_id, and drops anything already seen.
/// </summary>
internal sealed class SessionStream<TCommand> : ISessionStream
    where TCommand : class
{
    private const int OutgoingCapacity = 1024;
    private const int MaxTransientRetries = 20;
    private const double PaceMargin = 0.8;

    private readonly IReadOnlyList<(Uri Address, GrpcChannel Channel)> _servers;
    private readonly Func<GrpcChannel, AsyncDuplexStreamingCall<TCommand, ServerEvent>> _open;
    private readonly Func<bool, TCommand> _hello;
    private readonly Func<SendMessage, TCommand> _wrapSend;
    private readonly Func<TCommand, SendMessage?> _asSend;
    private readonly Channel<TCommand> _outgoing = Channel.CreateBounded<TCommand>(new BoundedChannelOptions(OutgoingCapacity) { SingleReader = true });
    private readonly Channel<ChatEvent> _events = Channel.CreateUnbounded<ChatEvent>(new() { SingleWriter = false });
    private readonly Channel<PendingSend> _retries = Channel.CreateUnbounded<PendingSend>();
    private readonly TaskCompletionSource<ChatEvent> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _jitter = new();
    private readonly Task _run;
    private TokenBucket? _pace;
    private TCommand? _carried;
    private volatile bool _leaving;
    private int _disposed;

    public SessionStream(
        IReadOnlyList<(Uri Address, GrpcChannel Channel)> servers,
        Func<GrpcChannel, AsyncDuplexStreamingCall<TCommand, ServerEvent>> open,
        Func<bool, TCommand> hello,
        Func<SendMessage, TCommand> wrapSend,
        Func<TCommand, SendMessage?> asSend,
        EventTranslator translator,
        PendingSends pending)
    {
        _servers = servers;
        _open = open;
        _hello = hello;
        _wrapSend = wrapSend;
        _asSend = asSend;
        Translator = translator;
        Pending = pending;
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Every event for this participant, in order. Completes after a <see cref="StreamClosed"/> event.</summary>
    public ChannelReader<ChatEvent> Events => _events.Reader;

    /// <summary>Completes when the session is over (left, refused, or disposed).</summary>
    public Task Completion => _run;

    /// <summary>This participant's server-assigned id.</summary>
    public string ParticipantId => Translator.OwnId;

    internal EventTranslator Translator { get; }

    private PendingSends Pending { get; }

    /// <summary>Leaves: no more commands; the server ends what leaving ends and closes the stream.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        _outgoing.Writer.TryComplete();
        await _run.WaitAsync(cancellationToken);
    }

    /// <summary>Stops at once, without waiting for the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Cancel before closing the outbox: a closed outbox would let the writer end the request stream
        // politely, which the server takes as leaving (ending a customer's conversation).
        await _stop.CancelAsync();
        _outgoing.Writer.TryComplete();
        await _run;
        _stop.Dispose();
    }

    /// <summary>Waits for the server to accept the first hello; throws <see cref="ChatClientException"/> when it refuses
    /// or no server answers.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _started.Task.WaitAsync(cancellationToken);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Queues a send; the outcome arrives as a message event (success) or an error event.</summary>
    /// <exception cref="ChatClientException">InvalidArgument for a text the server would refuse (nothing is sent).</exception>
    public async Task<PendingSend> QueueSendAsync(string? conversationId, string text, CancellationToken cancellationToken)
    {
        CheckText(text);
        var clientMsgId = Guid.CreateVersion7().ToString();
        var send = Pending.Add(clientMsgId, conversationId, text);
        try
        {
            await QueueAsync(_wrapSend(ToWire(send)), cancellationToken);
        }
        catch
        {
            Pending.TryTake(clientMsgId, out _);
            throw;
        }

        return send;
    }

    public async Task QueueAsync(TCommand command, CancellationToken cancellationToken)
    {
        if (!await _outgoing.Writer.WaitToWriteAsync(cancellationToken) || !_outgoing.Writer.TryWrite(command))
        {
            throw new ChatClientException(nameof(StatusCode.Unavailable), "the session is closed.");
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

    private async Task RunAsync(CancellationToken token)
    {
        var closed = new StreamClosed(nameof(StatusCode.Cancelled), "the session was closed.");
        var connectedOnce = false;
        var attempt = 0;
        var server = 0;
        var unreachable = 0;
        try
        {
            while (!token.IsCancellationRequested)
            {
                var (address, channel) = _servers[server];
                var outcome = await RunConnectionAsync(address, channel, resuming: connectedOnce, token);
                if (outcome.Connected)
                {
                    connectedOnce = true;
                    attempt = 0;
                    unreachable = 0;
                }

                if (outcome.Final is { } final)
                {
                    closed = final;
                    break;
                }

                server = (server + 1) % _servers.Count;
                if (!connectedOnce && ++unreachable >= _servers.Count)
                {
                    // Nobody has answered yet: report it rather than wait forever behind a wrong address.
                    closed = outcome.Broken!;
                    break;
                }

                attempt++;
                var delay = Backoff.Delay(attempt, _jitter);
                if (connectedOnce)
                {
                    _events.Writer.TryWrite(new Reconnecting(attempt, delay, outcome.Broken!.Message));
                }

                await Task.Delay(delay, token);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting to reconnect.
        }

        _started.TrySetException(new ChatClientException(closed.Code, closed.Message));
        Pending.FailAll(nameof(StatusCode.Unavailable), "the session closed before the server acknowledged this message.");
        _outgoing.Writer.TryComplete();
        _retries.Writer.TryComplete();
        _events.Writer.TryWrite(closed);
        _events.Writer.TryComplete();
    }

    /// <summary>One stream, from hello to its end: says whether the server accepted the hello, and whether the
    /// session is over (<see cref="Outcome.Final"/>) or should reconnect.</summary>
    private async Task<Outcome> RunConnectionAsync(Uri address, GrpcChannel channel, bool resuming, CancellationToken token)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(token);
        using var call = _open(channel);
        var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(() => WriteLoopAsync(call, resuming, accepted.Task, connection.Token), CancellationToken.None);
        var connected = false;
        try
        {
            await foreach (var wire in call.ResponseStream.ReadEventsAsync(connection.Token))
            {
                if (Translator.IsTransientSendFailure(wire, out var failed))
                {
                    Retry(failed);
                    continue;
                }

                if (Translator.Translate(wire) is not { } chatEvent)
                {
                    continue;
                }

                if (chatEvent is AgentReady or CustomerWelcome && !connected)
                {
                    connected = true;
                    if (Translator.SendLimit is { } limit)
                    {
                        // Below the server's limit: sends arrive with jitter, and a refused send costs a retry.
                        _pace ??= new TokenBucket(limit.PerSecond * PaceMargin, Math.Max(1, limit.Burst / 2), TimeProvider.System);
                    }

                    accepted.TrySetResult();
                    if (resuming)
                    {
                        _events.Writer.TryWrite(new Reconnected(address));
                    }

                    _started.TrySetResult(chatEvent);
                }

                _events.Writer.TryWrite(chatEvent);
            }

            // The server ended the stream normally: the customer's conversation ended, or the agent left.
            return new Outcome(connected, new StreamClosed(nameof(StatusCode.OK), "the server closed the stream."), null);
        }
        catch (Exception ex) when (token.IsCancellationRequested && ex is OperationCanceledException or RpcException)
        {
            return new Outcome(connected, new StreamClosed(nameof(StatusCode.Cancelled), "the session was closed."), null);
        }
        catch (RpcException ex) when (IsRefusal(ex.StatusCode) || _leaving)
        {
            return new Outcome(connected, new StreamClosed(ex.StatusCode.ToString(), ex.Status.Detail), null);
        }
        catch (RpcException ex)
        {
            return new Outcome(connected, null, new StreamClosed(ex.StatusCode.ToString(), Describe(ex, address, connected)));
        }
        finally
        {
            accepted.TrySetCanceled(CancellationToken.None);
            await connection.CancelAsync();
            await writer;
        }
    }

    /// <summary>Writes the hello, then every send the previous stream did not get acknowledged, then the outbox.</summary>
    private async Task WriteLoopAsync(AsyncDuplexStreamingCall<TCommand, ServerEvent> call, bool resuming, Task accepted, CancellationToken token)
    {
        try
        {
            await call.RequestStream.WriteAsync(_hello(resuming), token);
            await accepted.WaitAsync(token);
            foreach (var send in Pending.Unacknowledged())
            {
                await WriteSendAsync(call, send, token);
            }

            if (_carried is { } carried)
            {
                await WriteAsync(call, carried, token);
                _carried = null;
            }

            await foreach (var command in MergedOutboxAsync(token))
            {
                await WriteAsync(call, command, token);
            }

            token.ThrowIfCancellationRequested();
            await call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException or IOException)
        {
            // The stream is over; the reader says why, and the next stream picks up where this one stopped.
        }
    }

    /// <summary>The outbox, with sends the server could not store (transiently) slipped back in after a pause.</summary>
    private async IAsyncEnumerable<TCommand> MergedOutboxAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        while (true)
        {
            if (_retries.Reader.TryRead(out var retry))
            {
                yield return _wrapSend(ToWire(retry));
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

    private async Task WriteAsync(AsyncDuplexStreamingCall<TCommand, ServerEvent> call, TCommand command, CancellationToken token)
    {
        if (_asSend(command) is { } send && Pending.TryGet(send.ClientMsgId) is { } pending)
        {
            await WriteSendAsync(call, pending, token);
            return;
        }

        try
        {
            await call.RequestStream.WriteAsync(command, token);
        }
        catch
        {
            // Not a send (those are resent from the outbox): keep it for the next stream.
            _carried = command;
            throw;
        }
    }

    /// <summary>Writes a send within the server's rate, so a well-behaved client is never refused for speed.</summary>
    private async Task WriteSendAsync(AsyncDuplexStreamingCall<TCommand, ServerEvent> call, PendingSend send, CancellationToken token)
    {
        // Out of the outbox for good: if this stream breaks while the send waits for its turn or is being
        // written, the next stream sends it again.
        send.Written = true;
        if (_pace is { } pace)
        {
            while (!pace.TryTake())
            {
                await Task.Delay(pace.TimeUntilNext(), token);
            }
        }

        await call.RequestStream.WriteAsync(_wrapSend(ToWire(send)), token);
    }

    /// <summary>The server could not store a send this time: it goes out again after a short pause, same client_msg_id.</summary>
    private void Retry(PendingSend send)
    {
        if (++send.Retries > MaxTransientRetries)
        {
            send.Fail(new ChatClientException(nameof(StatusCode.Unavailable), "the server could not store this message; it was not sent."));
            _events.Writer.TryWrite(new ServerError(nameof(StatusCode.Unavailable), "the server could not store this message; it was not sent.",
                send.ClientMsgId, send.ConversationId));
            return;
        }

        Pending.Restore(send);
        send.Written = false;
        _ = DelayThenRetryAsync(send, Backoff.Delay(send.Retries, _jitter));
    }

    private async Task DelayThenRetryAsync(PendingSend send, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _stop.Token);
            _retries.Writer.TryWrite(send);
        }
        catch (OperationCanceledException)
        {
            // Disposed: the send fails with the session.
        }
    }

    /// <summary>Codes that mean "this request is wrong", not "the connection is": reconnecting would not help.</summary>
    private static bool IsRefusal(StatusCode code) => code is StatusCode.InvalidArgument or StatusCode.Unauthenticated
        or StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.Unimplemented
        or StatusCode.OutOfRange or StatusCode.AlreadyExists;

    /// <summary>The server's own words when it closed the stream (e.g. "the server is shutting down."), or a plain
    /// description of a transport failure.</summary>
    private static string Describe(RpcException ex, Uri address, bool wasConnected)
    {
        if (ex.Status.DebugException is null && ex.Status.Detail.Length > 0)
        {
            return ex.Status.Detail;
        }

        for (var inner = ex.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Security.Authentication.AuthenticationException)
            {
                return $"the certificate of {address} is not trusted or does not match its name (give its certificate or CA with --ca)";
            }
        }

        return wasConnected ? $"lost the connection to {address}" : $"cannot reach {address}";
    }

    /// <summary>How one stream ended: Connected when the server accepted its hello; Final when the session is over;
    /// Broken when the connection broke and the session should reconnect.</summary>
    private sealed record Outcome(bool Connected, StreamClosed? Final, StreamClosed? Broken);
}
