using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Protocol.V1;
using ChatClient = SupportChat.Protocol.V1.SupportChat.SupportChatClient;

namespace SupportChat.EndToEnd.Tests;

/// <summary>One participant's stream driven at the wire level, to test the protocol itself.</summary>
internal sealed class RawParticipant<TCommand> : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly AsyncDuplexStreamingCall<TCommand, ServerEvent> _call;
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>();
    private readonly List<ServerEvent> _skipped = [];
    private readonly Task _reader;

    private RawParticipant(AsyncDuplexStreamingCall<TCommand, ServerEvent> call)
    {
        _call = call;
        _reader = ReadAsync();
    }

    public List<ServerEvent> All { get; } = [];

    /// <summary>How the server ended the stream, once it has.</summary>
    public Task Completion => _reader;

    public static RawParticipant<CustomerCommand> Customer(GrpcChannel channel) => new(new ChatClient(channel).Customer());

    public static RawParticipant<AgentCommand> Agent(GrpcChannel channel) => new(new ChatClient(channel).Agent());

    /// <summary>The status the server ended the call with, once it has ended.</summary>
    public Status FinalStatus => _call.GetStatus();

    public Task SendAsync(TCommand command) => _call.RequestStream.WriteAsync(command);

    public Task CompleteAsync() => _call.RequestStream.CompleteAsync();

    /// <summary>The next event matching; events passed over are kept for later waits.</summary>
    public async Task<ServerEvent> WaitForAsync(Func<ServerEvent, bool> match, string what)
    {
        var earlier = _skipped.FirstOrDefault(match);
        if (earlier is not null)
        {
            _skipped.Remove(earlier);
            return earlier;
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(timeout.Token);
                if (match(next))
                {
                    return next;
                }

                _skipped.Add(next);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {what} within {Timeout.TotalSeconds} s; seen: {string.Join(" | ", All)}");
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException($"the stream ended before {what}; seen: {string.Join(" | ", All)}", ex.InnerException ?? ex);
        }
    }

    public Task<ServerEvent> WaitForAsync(ServerEvent.EventOneofCase kind, string what) => WaitForAsync(e => e.EventCase == kind, what);

    public async ValueTask DisposeAsync()
    {
        _call.Dispose();
        try
        {
            await _reader.WaitAsync(Timeout);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or ObjectDisposedException)
        {
            // Disposing cancels the call; a read that was between two messages then finds the call disposed instead.
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var item in _call.ResponseStream.ReadAllAsync())
            {
                lock (All)
                {
                    All.Add(item);
                }

                _events.Writer.TryWrite(item);
            }

            _events.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _events.Writer.TryComplete(ex);
            throw;
        }
    }
}
