using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Protocol.V1;
using BrowserClient = SupportChat.Protocol.V1.BrowserCustomer.BrowserCustomerClient;

namespace SupportChat.EndToEnd.Tests.Browser;

/// <summary>A customer on the browser API at the wire level: one Events stream, and the unary calls naming it.</summary>
internal sealed class BrowserCustomerClient : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly AsyncServerStreamingCall<ServerEvent> _events;
    private readonly EventInbox _inbox = new(Timeout);
    private readonly Task _reader;

    private BrowserCustomerClient(BrowserClient client, AsyncServerStreamingCall<ServerEvent> events)
    {
        Client = client;
        _events = events;
        _reader = _inbox.ReadAsync(events.ResponseStream);
    }

    public BrowserClient Client { get; }

    public List<ServerEvent> All => _inbox.All;

    /// <summary>Completes when the server ends the Events stream (faulted with its status unless OK).</summary>
    public Task Completion => _reader;

    public Welcome Welcome { get; private set; } = new();

    public BrowserSession Session => new() { CustomerId = Welcome.CustomerId, SessionToken = Welcome.SessionToken, StreamId = Welcome.StreamId };

    /// <summary>Opens Events with <paramref name="hello"/> and waits for its Welcome.</summary>
    public static async Task<BrowserCustomerClient> OpenAsync(GrpcChannel channel, CustomerHello hello)
    {
        var client = new BrowserClient(channel);
        var browser = new BrowserCustomerClient(client, client.Events(new BrowserHello { Hello = hello }));
        browser.Welcome = (await browser.WaitForAsync(ServerEvent.EventOneofCase.Welcome, "welcome")).Welcome;
        return browser;
    }

    public static CustomerHello Resume(Welcome welcome, long lastSeq) => new()
    {
        Resume = new ResumeSession { CustomerId = welcome.CustomerId, ConversationId = welcome.ConversationId, SessionToken = welcome.SessionToken, LastSeq = lastSeq },
    };

    public Task<Ack> SendAsync(string text, string? clientMsgId = null) => SendAsync(Session, text, clientMsgId);

    public async Task<Ack> SendAsync(BrowserSession session, string text, string? clientMsgId = null) =>
        await Client.SendAsync(new BrowserSend { Session = session, Send = Wire.Send(text, clientMsgId: clientMsgId) });

    public async Task<BrowserDone> EndAsync() => await Client.EndAsync(new BrowserEnd { Session = Session, End = new EndConversation() });

    /// <summary>Cancels the Events call, as a browser closing its tab or losing its network does.</summary>
    public void Cancel() => _events.Dispose();

    public Task<ServerEvent> WaitForAsync(Func<ServerEvent, bool> match, string what) => _inbox.WaitForAsync(match, what);

    public Task<ServerEvent> WaitForAsync(ServerEvent.EventOneofCase kind, string what) => WaitForAsync(e => e.EventCase == kind, what);

    /// <summary>The status the server ended Events with.</summary>
    public async Task<Status> ClosedAsync()
    {
        try
        {
            await _reader.WaitAsync(Timeout);
            return Status.DefaultSuccess;
        }
        catch (RpcException ex)
        {
            return ex.Status;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _events.Dispose();
        try
        {
            await _reader.WaitAsync(Timeout);
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException or ObjectDisposedException)
        {
            // Disposing cancels the call.
        }
    }
}
