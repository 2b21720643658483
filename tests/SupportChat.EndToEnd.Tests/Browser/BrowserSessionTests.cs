using Grpc.Core;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests.Browser;

/// <summary>The life of a browser's Events stream and what its calls are told: superseded (ABORTED, both ways between
/// browser and bidi streams), ended (OK, then FAILED_PRECONDITION), dropped (UNAVAILABLE, then resume), bad sessions.</summary>
public sealed class BrowserSessionTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await WebServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_newer_stream_closes_the_older_with_aborted_and_calls_naming_the_older_are_aborted()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        await using var first = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        await first.SendAsync("from the first stream");

        await using var second = await BrowserCustomerClient.OpenAsync(web, BrowserCustomerClient.Resume(first.Welcome, 0));

        Assert.Equal((StatusCode.Aborted, "replaced by a newer connection"), Describe(await first.ClosedAsync()));
        var late = await Assert.ThrowsAsync<RpcException>(() => first.SendAsync("from the replaced stream"));
        Assert.Equal((StatusCode.Aborted, "replaced by a newer connection"), (late.StatusCode, late.Status.Detail));
        Assert.Equal("from the first stream", (await second.WaitForAsync(Kind.Message, "the replay")).Message.Text);
        Assert.Equal(2, (await second.SendAsync("from the second stream")).Seq);
    }

    [Fact]
    public async Task Browser_and_bidi_streams_of_one_customer_supersede_each_other()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        using var grpc = Wire.Channel(_server);
        await using var browser = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });

        await using var bidi = RawParticipant<CustomerCommand>.Customer(grpc);
        await bidi.SendAsync(Wire.CustomerResume(browser.Welcome, 0));
        var bidiWelcome = (await bidi.WaitForAsync(Kind.Welcome, "the bidi stream's welcome")).Welcome;
        Assert.Equal(StatusCode.Aborted, (await browser.ClosedAsync()).StatusCode);
        Assert.Empty(bidiWelcome.StreamId); // set only for Events streams

        await using var again = await BrowserCustomerClient.OpenAsync(web, BrowserCustomerClient.Resume(bidiWelcome, 0));
        var closed = await Assert.ThrowsAsync<RpcException>(() => bidi.Completion.WaitAsync(RawParticipant<CustomerCommand>.Timeout));
        Assert.Equal(StatusCode.Aborted, closed.StatusCode);
        Assert.Equal(1, (await again.SendAsync("from the browser again")).Seq);
    }

    [Fact]
    public async Task End_ends_the_conversation_then_closes_events_with_ok()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        using var grpc = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(grpc);
        await agent.SendAsync(Wire.AgentHello("Ada", 2));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        await bob.WaitForAsync(Kind.Assigned, "assigned");

        await bob.EndAsync();

        Assert.Equal(EndedBy.Customer, (await bob.WaitForAsync(Kind.Ended, "ended")).Ended.By);
        Assert.Equal(StatusCode.OK, (await bob.ClosedAsync()).StatusCode);
        Assert.Equal(EndedBy.Customer, (await agent.WaitForAsync(Kind.Ended, "the agent's ended")).Ended.By);
        var after = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync("too late"));
        Assert.Equal((StatusCode.FailedPrecondition, $"conversation {bob.Welcome.ConversationId} has ended."), (after.StatusCode, after.Status.Detail));
    }

    [Fact]
    public async Task Cancelling_events_is_a_drop_the_stream_is_unavailable_and_a_resume_carries_on()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        using var grpc = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(grpc);
        await agent.SendAsync(Wire.AgentHello("Ada", 2));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        var conversationId = (await bob.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;
        await bob.SendAsync("before the drop");

        bob.Cancel();

        // Until the server has seen the cancel the call may still be carried out (it is the same send each time, so it is
        // stored once); then the stream is not open.
        var unavailable = await EventuallyRefusedAsync(() => bob.SendAsync("after the drop", "after-drop"));
        Assert.Equal(StatusCode.Unavailable, unavailable.StatusCode);
        Assert.Contains("open Events again with a resume", unavailable.Status.Detail);
        await using var back = await BrowserCustomerClient.OpenAsync(web, BrowserCustomerClient.Resume(bob.Welcome, 1));
        var retried = await back.SendAsync(back.Session, "after the drop", "after-drop");
        Assert.Equal(2, retried.Seq);
        await agent.WaitForAsync(e => e.Message?.Seq == 2, "the message sent after the resume");
        lock (agent.All)
        {
            Assert.DoesNotContain(agent.All, e => e.EventCase == Kind.Ended || e.Message?.From == SenderRole.System);
        }

        Assert.Equal(conversationId, back.Welcome.ConversationId);
    }

    [Fact]
    public async Task Calls_with_a_bad_session_are_refused()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        await using var eve = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Eve" });

        var forged = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(Tweak(bob.Session, s => s.SessionToken = "1.forged"), "hi"));
        var otherToken = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(Tweak(bob.Session, s => s.SessionToken = eve.Welcome.SessionToken), "hi"));
        var otherCustomer = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(Tweak(eve.Session, s => s.StreamId = bob.Welcome.StreamId), "hi"));
        var noToken = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(Tweak(bob.Session, s => s.SessionToken = ""), "hi"));
        var noStream = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(Tweak(bob.Session, s => s.StreamId = ""), "hi"));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => bob.SendAsync(Tweak(bob.Session, s => s.StreamId = "0123456789abcdef"), "hi"));

        Assert.Equal(
            [StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.Unauthenticated, StatusCode.InvalidArgument,
                StatusCode.Unavailable],
            new[] { forged, otherToken, otherCustomer, noToken, noStream, unknown }.Select(e => e.StatusCode));
        Assert.Equal(1, (await bob.SendAsync("still fine")).Seq);
    }

    [Fact]
    public async Task A_bad_email_is_refused_with_invalid_argument_on_both_apis()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        using var grpc = Wire.Channel(_server);
        foreach (var email in new[] { "no-at-sign", "two@@example.com", "a b@example.com", "@example.com", new string('a', 250) + "@b.cd", "bob\u0007@example.com" })
        {
            var viaWeb = await Assert.ThrowsAsync<InvalidOperationException>(() => BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob", Email = email }));
            Assert.Equal(StatusCode.InvalidArgument, Assert.IsType<RpcException>(viaWeb.InnerException).StatusCode);
        }

        await using var bidi = RawParticipant<CustomerCommand>.Customer(grpc);
        await bidi.SendAsync(new CustomerCommand { Hello = new CustomerHello { Name = "Bob", Email = "bob at example.com" } });
        var refused = await Assert.ThrowsAsync<RpcException>(() => bidi.Completion.WaitAsync(RawParticipant<CustomerCommand>.Timeout));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("email", refused.Status.Detail);
    }

    private static (StatusCode, string) Describe(Status status) => (status.StatusCode, status.Detail);

    private static BrowserSession Tweak(BrowserSession session, Action<BrowserSession> change)
    {
        var copy = session.Clone();
        change(copy);
        return copy;
    }

    private static async Task<RpcException> EventuallyRefusedAsync(Func<Task> call)
    {
        using var timeout = new CancellationTokenSource(BrowserCustomerClient.Timeout);
        while (true)
        {
            timeout.Token.ThrowIfCancellationRequested();
            try
            {
                await call();
            }
            catch (RpcException ex)
            {
                return ex;
            }
        }
    }
}
