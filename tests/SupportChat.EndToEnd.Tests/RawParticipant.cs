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
    private readonly EventInbox _inbox = new(Timeout);
    private readonly Task _reader;

    private RawParticipant(AsyncDuplexStreamingCall<TCommand, ServerEvent> call)
    {
        _call = call;
        _reader = _inbox.ReadAsync(call.ResponseStream);
    }

    public List<ServerEvent> All => _inbox.All;

    /// <summary>How the server ended the stream, once it has.</summary>
    public Task Completion => _reader;

    public static RawParticipant<CustomerCommand> Customer(GrpcChannel channel) => new(new ChatClient(channel).Customer());

    public static RawParticipant<AgentCommand> Agent(GrpcChannel channel) => new(new ChatClient(channel).Agent());

    /// <summary>The status the server ended the call with, once it has ended.</summary>
    public Status FinalStatus => _call.GetStatus();

    public Task SendAsync(TCommand command) => _call.RequestStream.WriteAsync(command);

    public Task CompleteAsync() => _call.RequestStream.CompleteAsync();

    /// <summary>The next event matching; events passed over are kept for later waits.</summary>
    public Task<ServerEvent> WaitForAsync(Func<ServerEvent, bool> match, string what) => _inbox.WaitForAsync(match, what);

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
}
