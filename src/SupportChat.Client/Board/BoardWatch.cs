using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client.Delivery;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Board;

/// <summary>
/// The supervisor's live view (Supervisor.Watch): a <see cref="BoardSnapshot"/>, then changes as they happen. When the
/// connection breaks it says so (<see cref="BoardConnectionLost"/>), reconnects by itself (to the next server of the
/// list, with backoff) and starts again with a new snapshot. A refusal after a reconnect (the token was revoked, say)
/// completes <see cref="Events"/> with a <see cref="ChatClientException"/>.
/// </summary>
public sealed class BoardWatch : IAsyncDisposable
{
    private readonly (Uri Address, GrpcChannel Channel)[] _servers;
    // Bounded: a reader that falls behind holds the stream back, and the server then sends only each row's newest state.
    private readonly Channel<BoardEvent> _events = Channel.CreateBounded<BoardEvent>(new BoundedChannelOptions(1000) { SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random = new();
    private Task _loop = Task.CompletedTask;

    private BoardWatch((Uri Address, GrpcChannel Channel)[] servers) => _servers = servers;

    /// <summary>The board's events, in order.</summary>
    public ChannelReader<BoardEvent> Events => _events.Reader;

    internal static async Task<BoardWatch> StartAsync((Uri Address, GrpcChannel Channel)[] servers, CancellationToken cancellationToken)
    {
        var watch = new BoardWatch(servers);
        var (call, first, address) = await watch.ConnectAsync(reconnecting: false, cancellationToken);
        watch._loop = watch.RunAsync(call, first, address);
        return watch;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task RunAsync(AsyncServerStreamingCall<BoardUpdate> call, BoardUpdate first, Uri address)
    {
        var token = _stop.Token;
        try
        {
            while (true)
            {
                var lost = await ReadAsync(call, first, address, token);
                var attempt = 1;
                while (true)
                {
                    var delay = Backoff.Delay(attempt++, _random);
                    await _events.Writer.WriteAsync(new BoardConnectionLost(lost, delay), token);
                    await Task.Delay(delay, token);
                    try
                    {
                        (call, first, address) = await ConnectAsync(reconnecting: true, token);
                        break;
                    }
                    catch (ChatClientException ex) when (ex.Code == nameof(StatusCode.Unavailable))
                    {
                        lost = ex.Message;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            _events.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _events.Writer.TryComplete(ex);
        }
    }

    /// <summary>Passes the stream's updates on until it breaks; returns what broke it.</summary>
    private async Task<string> ReadAsync(AsyncServerStreamingCall<BoardUpdate> call, BoardUpdate first, Uri address, CancellationToken token)
    {
        using (call)
        {
            try
            {
                await _events.Writer.WriteAsync(BoardMapper.Event(first, address), token);
                while (await call.ResponseStream.MoveNext(token))
                {
                    await _events.Writer.WriteAsync(BoardMapper.Event(call.ResponseStream.Current, address), token);
                }

                return $"{address} ended the watch";
            }
            catch (RpcException ex) when (!token.IsCancellationRequested && !StreamOutcome.IsRefusal(ex.StatusCode))
            {
                return StreamOutcome.Describe(ex, address, wasConnected: true);
            }
            catch (RpcException ex) when (!token.IsCancellationRequested)
            {
                throw new ChatClientException(ex.StatusCode.ToString(), ex.Status.Detail, ex);
            }
        }
    }

    /// <summary>Opens a watch on the first server that answers with its snapshot.</summary>
    private async Task<(AsyncServerStreamingCall<BoardUpdate> Call, BoardUpdate First, Uri Address)> ConnectAsync(bool reconnecting,
        CancellationToken cancellationToken)
    {
        (RpcException Error, Uri Address)? last = null;
        foreach (var (address, channel) in _servers)
        {
            var call = new Supervisor.SupervisorClient(channel).Watch(new WatchRequest(), cancellationToken: cancellationToken);
            try
            {
                if (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    return (call, call.ResponseStream.Current, address);
                }

                call.Dispose();
            }
            catch (RpcException ex) when (!cancellationToken.IsCancellationRequested
                && (!StreamOutcome.IsRefusal(ex.StatusCode) || CertificateRejectedException.In(ex) is not null))
            {
                call.Dispose();
                last = (ex, address);
            }
            catch (RpcException ex)
            {
                call.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                throw new ChatClientException(ex.StatusCode.ToString(), ex.Status.Detail, ex);
            }
        }

        throw new ChatClientException(nameof(StatusCode.Unavailable), last is { } failed
            ? StreamOutcome.Describe(failed.Error, failed.Address, wasConnected: false, reconnecting)
            : "no server answered with the board.");
    }
}
