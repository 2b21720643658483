using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client.Events;
using SupportChat.Protocol.Streaming;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Delivery;

/// <summary>
/// One participant's bidirectional stream, kept alive across broken connections: it connects to each server in
/// turn, says hello, waits for the ready or welcome, and reads events until the stream ends. When it breaks, it
/// reconnects with jittered backoff (to the next server) and resumes from the highest seq shown; a refusal ends
/// the session. The <see cref="SendPipeline{TCommand}"/> writes each stream; the <see cref="EventTranslator"/>
/// turns what it reads into <see cref="Events"/>.
/// </summary>
internal sealed class ReconnectingStream<TCommand> : ISessionStream
    where TCommand : class
{
    private readonly IReadOnlyList<(Uri Address, GrpcChannel Channel)> _servers;
    private readonly ISessionRole<TCommand> _role;
    private readonly EventTranslator _translator;
    private readonly SendPipeline<TCommand> _sends;
    private readonly TimeProvider _time;
    private readonly Channel<ChatEvent> _events = Channel.CreateUnbounded<ChatEvent>(new() { SingleWriter = false });
    private readonly TaskCompletionSource<ChatEvent> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _jitter = new();
    private readonly Task _run;
    private volatile bool _leaving;
    private int _disposed;

    /// <summary>Starts connecting at once, to the first server.</summary>
    public ReconnectingStream(
        IReadOnlyList<(Uri Address, GrpcChannel Channel)> servers,
        ISessionRole<TCommand> role,
        EventTranslator translator,
        SendPipeline<TCommand> sends,
        TimeProvider time)
    {
        _servers = servers;
        _role = role;
        _translator = translator;
        _sends = sends;
        _time = time;
        _run = Task.Run(() => RunAsync(_stop.Token));
    }

    /// <summary>Every event for this participant, in order. Completes after a <see cref="StreamClosed"/> event.</summary>
    public ChannelReader<ChatEvent> Events => _events.Reader;

    /// <summary>Completes when the session is over (left, refused, or disposed).</summary>
    public Task Completion => _run;

    /// <summary>This participant's server-assigned id.</summary>
    public string ParticipantId => _translator.OwnId;

    /// <summary>Leaves: the role's leave command after everything queued, then no more commands; the server ends what
    /// leaving ends and closes the stream.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        try
        {
            await _sends.QueueAsync(_role.Leave(), cancellationToken);
        }
        catch (ChatClientException)
        {
            // The session is already over (e.g. the customer's conversation ended): there is nothing left to leave.
        }

        _sends.CompleteOutbox();
        await _run.WaitAsync(cancellationToken);
    }

    /// <summary>Stops at once, without waiting for the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Cancel before closing the outbox: a closed outbox would let the writer end the request stream politely,
        // which the server would take as a drop only after writing what it has queued.
        await _stop.CancelAsync();
        _sends.CompleteOutbox();
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

    private async Task RunAsync(CancellationToken token)
    {
        var closed = new StreamClosed(nameof(StatusCode.Cancelled), "the session was closed.");
        Exception? cause = null;
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
                    cause = outcome.Cause;
                    break;
                }

                attempt++;
                var delay = Backoff.Delay(attempt, _jitter);
                if (connectedOnce)
                {
                    _events.Writer.TryWrite(new Reconnecting(attempt, delay, outcome.Broken!.Message));
                }

                await Task.Delay(delay, _time, token);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed while waiting to reconnect.
        }

        _started.TrySetException(new ChatClientException(closed.Code, closed.Message, cause));
        _sends.Close();
        _events.Writer.TryWrite(closed);
        _events.Writer.TryComplete();
    }

    /// <summary>One stream, from hello to its end: says whether the server accepted the hello, and whether the
    /// session is over (<see cref="StreamOutcome.Final"/>) or should reconnect.</summary>
    private async Task<StreamOutcome> RunConnectionAsync(Uri address, GrpcChannel channel, bool resuming, CancellationToken token)
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(token);
        using var call = _role.Open(channel);
        var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = Task.Run(() => _sends.WriteLoopAsync(call.RequestStream, accepted.Task, connection.Token), CancellationToken.None);
        var connected = false;
        try
        {
            await foreach (var wire in call.ResponseStream.ReadEventsAsync(connection.Token))
            {
                if (_sends.TryRetry(wire, out var gaveUp))
                {
                    if (gaveUp is not null)
                    {
                        _events.Writer.TryWrite(gaveUp);
                    }

                    continue;
                }

                if (_translator.Translate(wire) is not { } chatEvent)
                {
                    continue;
                }

                if (chatEvent is AgentReady or CustomerWelcome && !connected)
                {
                    connected = true;
                    if (_translator.SendLimit is { } limit)
                    {
                        _sends.PaceBelow(limit.PerSecond, limit.Burst);
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
            return new StreamOutcome(connected, new StreamClosed(nameof(StatusCode.OK), "the server closed the stream."), null);
        }
        catch (Exception ex) when (token.IsCancellationRequested && ex is OperationCanceledException or RpcException)
        {
            return new StreamOutcome(connected, new StreamClosed(nameof(StatusCode.Cancelled), "the session was closed."), null);
        }
        catch (RpcException ex) when (StreamOutcome.IsRefusal(ex.StatusCode) || _leaving)
        {
            return new StreamOutcome(connected, new StreamClosed(ex.StatusCode.ToString(), ex.Status.Detail), null);
        }
        catch (RpcException ex)
        {
            return StreamOutcome.BrokenBy(ex, address, connected, resuming);
        }
        finally
        {
            accepted.TrySetCanceled(CancellationToken.None);
            await connection.CancelAsync();
            await writer;
        }
    }
}
