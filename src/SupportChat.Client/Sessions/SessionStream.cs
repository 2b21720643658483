using System.Threading.Channels;
using Grpc.Core;
using SupportChat.Client.Events;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Sessions;

/// <summary>
/// The machinery under a session: one participant's bidirectional stream. Commands go through a bounded queue drained by one writer loop
/// (a request stream takes one write at a time); one reader loop turns server events into <see cref="Events"/>.
/// </summary>
internal sealed class SessionStream<TCommand> : ISessionStream
    where TCommand : class
{
    private const int OutgoingCapacity = 1024;

    private readonly AsyncDuplexStreamingCall<TCommand, ServerEvent> _call;
    private readonly Channel<TCommand> _outgoing = Channel.CreateBounded<TCommand>(new BoundedChannelOptions(OutgoingCapacity) { SingleReader = true });
    private readonly Channel<ChatEvent> _events = Channel.CreateUnbounded<ChatEvent>(new() { SingleWriter = true });
    private readonly TaskCompletionSource<ChatEvent> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _writer;
    private readonly Task _reader;
    private int _disposed;

    public SessionStream(AsyncDuplexStreamingCall<TCommand, ServerEvent> call, TCommand hello, EventTranslator translator, PendingSends pending)
    {
        _call = call;
        Translator = translator;
        Pending = pending;
        _outgoing.Writer.TryWrite(hello);
        _writer = Task.Run(() => WriteLoopAsync(_stop.Token));
        _reader = Task.Run(() => ReadLoopAsync(_stop.Token));
    }

    /// <summary>Every event for this participant, in order. Completes after a <see cref="StreamClosed"/> event.</summary>
    public ChannelReader<ChatEvent> Events => _events.Reader;

    /// <summary>Completes when the stream is over.</summary>
    public Task Completion => _reader;

    /// <summary>This participant's server-assigned id.</summary>
    public string ParticipantId => Translator.OwnId;

    private EventTranslator Translator { get; }

    private PendingSends Pending { get; }

    /// <summary>Leaves: no more commands; the server ends what leaving ends and closes the stream.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _outgoing.Writer.TryComplete();
        await _reader.WaitAsync(cancellationToken);
    }

    /// <summary>Stops at once, without waiting for the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _outgoing.Writer.TryComplete();
        await _stop.CancelAsync();
        await Task.WhenAll(_writer, _reader);
        _call.Dispose();
        _stop.Dispose();
    }

    /// <summary>Waits for the server to accept the hello; throws <see cref="ChatClientException"/> when it refuses.</summary>
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
    public async Task<PendingSend> QueueSendAsync(string? conversationId, string text, Func<SendMessage, TCommand> wrap, CancellationToken cancellationToken)
    {
        var clientMsgId = Guid.CreateVersion7().ToString();
        var send = Pending.Add(clientMsgId, conversationId, text);
        await QueueAsync(wrap(new SendMessage { ClientMsgId = clientMsgId, ConversationId = conversationId ?? string.Empty, Text = text }), cancellationToken);
        return send;
    }

    public async Task QueueAsync(TCommand command, CancellationToken cancellationToken)
    {
        if (!await _outgoing.Writer.WaitToWriteAsync(cancellationToken) || !_outgoing.Writer.TryWrite(command))
        {
            throw new ChatClientException(nameof(StatusCode.Unavailable), "the session is closed.");
        }
    }

    private async Task WriteLoopAsync(CancellationToken token)
    {
        try
        {
            await foreach (var command in _outgoing.Reader.ReadAllAsync(token))
            {
                await _call.RequestStream.WriteAsync(command, token);
            }

            await _call.RequestStream.CompleteAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or RpcException or InvalidOperationException)
        {
            // The call is over; the reader reports why.
            _outgoing.Writer.TryComplete();
        }
    }

    private async Task ReadLoopAsync(CancellationToken token)
    {
        var closed = new StreamClosed(nameof(StatusCode.OK), "the server closed the stream.");
        try
        {
            await foreach (var wire in _call.ResponseStream.ReadAllAsync(token))
            {
                if (Translator.Translate(wire) is not { } chatEvent)
                {
                    continue;
                }

                if (chatEvent is AgentReady or CustomerWelcome)
                {
                    _started.TrySetResult(chatEvent);
                }

                _events.Writer.TryWrite(chatEvent);
            }
        }
        catch (RpcException ex) when (token.IsCancellationRequested || ex.StatusCode == StatusCode.Cancelled && _disposed == 1)
        {
            closed = new StreamClosed(nameof(StatusCode.Cancelled), "the session was closed.");
        }
        catch (RpcException ex)
        {
            closed = new StreamClosed(ex.StatusCode.ToString(), ex.Status.Detail);
        }
        catch (OperationCanceledException)
        {
            closed = new StreamClosed(nameof(StatusCode.Cancelled), "the session was closed.");
        }

        _started.TrySetException(new ChatClientException(closed.Code, closed.Message));
        Pending.FailAll(nameof(StatusCode.Unavailable), "the stream closed before the server acknowledged this message.");
        _outgoing.Writer.TryComplete();
        _events.Writer.TryWrite(closed);
        _events.Writer.TryComplete();
    }
}
