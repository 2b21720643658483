using System.Net.Sockets;
using Grpc.Core;
using SupportChat.Client.Events;
using SupportChat.Client.Tests.Fakes;

namespace SupportChat.Client.Tests.Delivery;

public sealed class ReconnectingStreamTests
{
    private static readonly RpcException ShuttingDown = new(new Status(StatusCode.Unavailable, "the server is shutting down."));

    [Fact]
    public async Task Broken_stream_then_a_good_one_resends_unacknowledged_sends_in_order_and_resumes_after_the_highest_seq_shown()
    {
        await using var session = SessionHarness.Customer(servers: 2);
        var first = await session.Role.NextCallAsync("the first stream");
        Assert.Null((await first.Requests.NextAsync("the first hello")).Hello.Resume);
        first.Responses.Push(Wire.Welcome(), Wire.Message(1), Wire.Message(2));
        await session.Stream.StartAsync(CancellationToken.None).Within("the welcome");
        await session.Stream.Events.NextAsync<MessageReceived>("message 2", m => m.Seq == 2);

        string[] texts = ["one", "two", "three"];
        var ids = new List<string>();
        foreach (var text in texts)
        {
            ids.Add((await session.Sends.QueueSendAsync(null, text, CancellationToken.None)).ClientMsgId);
        }

        foreach (var id in ids)
        {
            Assert.Equal(id, (await first.Requests.NextAsync($"send {id} on the first stream")).Send.ClientMsgId);
        }

        first.Responses.Push(Wire.Ack(ids[0], seq: 3));
        await session.Stream.Events.NextAsync<MessageReceived>("the own message 3", m => m.IsOwn && m.Seq == 3);
        first.Responses.Break(ShuttingDown);

        var reconnecting = await session.Stream.Events.NextAsync<Reconnecting>("reconnecting");
        Assert.Equal("the server is shutting down.", reconnecting.Reason);
        var second = await session.Role.NextCallAsync("the second stream");
        Assert.Equal(session.Addresses[1], session.AddressOf(second));
        var resume = (await second.Requests.NextAsync("the resume hello")).Hello.Resume;
        Assert.Equal((Wire.CustomerId, Wire.Token, Wire.ConversationId, 3L), (resume.CustomerId, resume.SessionToken, resume.ConversationId, resume.LastSeq));
        Assert.True(second.Requests.NothingMoreYet, "the writer sent more than the hello before the server accepted it");

        second.Responses.Push(Wire.Welcome(), Wire.Message(2), Wire.Message(4));
        for (var i = 1; i < ids.Count; i++)
        {
            var resent = (await second.Requests.NextAsync($"the resend of {texts[i]}")).Send;
            Assert.Equal((ids[i], texts[i]), (resent.ClientMsgId, resent.Text));
        }

        await session.Sends.QueueAsync(new() { Typing = new() }, CancellationToken.None);
        Assert.NotNull((await second.Requests.NextAsync("the typing after the resends")).Typing);
        Assert.Equal(session.Addresses[1], (await session.Stream.Events.NextAsync<Reconnected>("reconnected")).Server);
        var next = await session.Stream.Events.NextAsync<MessageReceived>("the next message");
        Assert.Equal(4, next.Seq);
        Assert.True(first.Disposed);
    }

    [Fact]
    public async Task Agent_resumes_each_open_conversation_after_the_highest_seq_shown()
    {
        await using var session = SessionHarness.Agent(servers: 1);
        var first = await session.Role.NextCallAsync("the first stream");
        Assert.Empty((await first.Requests.NextAsync("the sign-in")).Hello.Cursors);
        first.Responses.Push(Wire.Ready(), Wire.Assigned("a"), Wire.Assigned("b"), Wire.Message(5, conversationId: "a"),
            Wire.Message(7, conversationId: "b"), Wire.Assigned("c"), Wire.Ended("c"));
        await session.Stream.Events.NextAsync<ConversationEnded>("c ended");
        first.Responses.Break(ShuttingDown);

        var second = await session.Role.NextCallAsync("the second stream");
        var cursors = (await second.Requests.NextAsync("the resume hello")).Hello.Cursors;
        Assert.Equal(new Dictionary<string, long> { ["a"] = 5, ["b"] = 7 }, cursors.OrderBy(c => c.Key).ToDictionary());
    }

    [Fact]
    public async Task Refusal_ends_the_session_with_StreamClosed_and_no_reconnect()
    {
        await using var session = SessionHarness.Customer(servers: 2);
        var first = await session.Role.NextCallAsync("the first stream");
        first.Responses.Push(Wire.Welcome());
        await session.Stream.StartAsync(CancellationToken.None).Within("the welcome");
        var unacknowledged = await session.Sends.QueueSendAsync(null, "lost?", CancellationToken.None);
        await first.Requests.NextAsync("the hello");
        await first.Requests.NextAsync("the send");

        first.Responses.Break(new RpcException(new Status(StatusCode.Unauthenticated, "this session cannot be resumed.")));

        var rest = await session.Stream.Events.RestAsync("the end of the events");
        var closed = Assert.IsType<StreamClosed>(rest[^1]);
        Assert.Equal(("Unauthenticated", "this session cannot be resumed."), (closed.Code, closed.Message));
        Assert.DoesNotContain(rest, e => e is Reconnecting);
        await session.Stream.Completion.Within("the session's end");
        Assert.Equal(1, session.Role.Opened);
        var failed = await Assert.ThrowsAsync<ChatClientException>(() => unacknowledged.Outcome.Within("the send's outcome"));
        Assert.Equal("Unavailable", failed.Code);
    }

    [Fact]
    public async Task Aborted_stream_was_replaced_by_a_newer_one_so_the_session_ends_without_reconnecting()
    {
        await using var session = SessionHarness.Customer(servers: 2);
        var first = await session.Role.NextCallAsync("the first stream");
        first.Responses.Push(Wire.Welcome());
        await session.Stream.StartAsync(CancellationToken.None).Within("the welcome");

        first.Responses.Break(new RpcException(new Status(StatusCode.Aborted, "replaced by a newer connection")));

        var rest = await session.Stream.Events.RestAsync("the end of the events");
        var closed = Assert.IsType<StreamClosed>(rest[^1]);
        Assert.Equal(("Aborted", "replaced by a newer connection"), (closed.Code, closed.Message));
        Assert.DoesNotContain(rest, e => e is Reconnecting);
        await session.Stream.Completion.Within("the session's end");
        Assert.Equal(1, session.Role.Opened);
    }

    [Fact]
    public async Task Resume_cursor_past_the_end_is_refused_at_hello_without_trying_another_server()
    {
        var resumed = new CustomerResume(Wire.CustomerId, Wire.Token, Wire.ConversationId, LastSeq: 99);
        await using var session = SessionHarness.Customer(servers: 2, resumed: resumed);
        var start = session.Stream.StartAsync(CancellationToken.None);
        var call = await session.Role.NextCallAsync("the stream");
        Assert.Equal(99, (await call.Requests.NextAsync("the resume hello")).Hello.Resume.LastSeq);

        call.Responses.Break(new RpcException(new Status(StatusCode.OutOfRange, "last_seq is past the conversation's last message.")));

        var refused = await Assert.ThrowsAsync<ChatClientException>(() => start.Within("the start to fail"));
        Assert.Equal("OutOfRange", refused.Code);
        await session.Stream.Completion.Within("the session's end");
        Assert.Equal(1, session.Role.Opened);
    }

    [Fact]
    public async Task Nobody_reachable_on_the_first_try_is_reported_instead_of_waiting_forever()
    {
        await using var session = SessionHarness.Customer(servers: 2);
        var start = session.Stream.StartAsync(CancellationToken.None);
        for (var i = 0; i < session.Addresses.Count; i++)
        {
            var call = await session.Role.NextCallAsync($"an attempt on server {i}");
            call.Responses.Break(new RpcException(new Status(StatusCode.Unavailable, "Error connecting to subchannel.",
                new SocketException((int)SocketError.ConnectionRefused))));
        }

        var refused = await Assert.ThrowsAsync<ChatClientException>(() => start.Within("the start to fail"));
        var origin = session.Addresses[1].GetLeftPart(UriPartial.Authority);
        Assert.Equal(("Unavailable", $"nothing is listening at {origin} (connection refused): start the server there with 'supportchat serve', or check --server"),
            (refused.Code, refused.Message));
        var rest = await session.Stream.Events.RestAsync("the end of the events");
        Assert.IsType<StreamClosed>(Assert.Single(rest));
        Assert.Equal(2, session.Role.Opened);
    }

    [Fact]
    public async Task Batch_is_unpacked_into_its_events_in_order()
    {
        await using var session = SessionHarness.Customer(servers: 1);
        var call = await session.Role.NextCallAsync("the stream");
        call.Responses.Push(Wire.Batch(Wire.Welcome(), Wire.Message(1, "a"), Wire.Message(2, "b")), Wire.Message(3, "c"));

        await session.Stream.Events.NextAsync<CustomerWelcome>("the welcome");
        string[] texts = [
            (await session.Stream.Events.NextAsync<MessageReceived>("message 1")).Text,
            (await session.Stream.Events.NextAsync<MessageReceived>("message 2")).Text,
            (await session.Stream.Events.NextAsync<MessageReceived>("message 3")).Text,
        ];
        Assert.Equal(["a", "b", "c"], texts);
    }

    [Fact]
    public async Task Dispose_cancels_the_stream_without_leaving()
    {
        await using var session = SessionHarness.Customer(servers: 1);
        var call = await session.Role.NextCallAsync("the stream");
        call.Responses.Push(Wire.Welcome());
        await session.Stream.StartAsync(CancellationToken.None).Within("the welcome");

        await session.Stream.DisposeAsync().AsTask().Within("the dispose");

        Assert.False(call.Requests.Completed.IsCompleted, "the request stream was completed politely, which the server takes as leaving");
        var closed = Assert.IsType<StreamClosed>((await session.Stream.Events.RestAsync("the end of the events"))[^1]);
        Assert.Equal("Cancelled", closed.Code);
    }

    [Fact]
    public async Task Leave_completes_the_request_stream_after_what_was_queued()
    {
        await using var session = SessionHarness.Customer(servers: 1);
        var call = await session.Role.NextCallAsync("the stream");
        call.Responses.Push(Wire.Welcome());
        await session.Stream.StartAsync(CancellationToken.None).Within("the welcome");
        await session.Sends.QueueAsync(new() { End = new() }, CancellationToken.None);

        var leaving = session.Stream.LeaveAsync(CancellationToken.None);

        await call.Requests.NextAsync("the hello");
        Assert.NotNull((await call.Requests.NextAsync("the end command")).End);
        await call.Requests.Completed.Within("the request stream to complete");
        call.Responses.End();
        await leaving.Within("leaving");
        Assert.Equal("OK", Assert.IsType<StreamClosed>((await session.Stream.Events.RestAsync("the end of the events"))[^1]).Code);
    }
}
