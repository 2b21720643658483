using Grpc.Core;
using SupportChat.Client.Delivery;
using SupportChat.Client.Events;
using SupportChat.Client.Tests.Fakes;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Tests.Delivery;

/// <summary>Go-back-N through a whole session (refusals read by the real reader, resends written by the real writer),
/// on a clock whose back-offs wait for the test: it acts while a hold is on, then fires the back-off.</summary>
public sealed class ResendWindowTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("Unavailable")]
    [InlineData("ResourceExhausted")]
    public async Task Refused_send_and_the_held_back_ones_after_it_go_again_in_order_before_a_send_made_meanwhile(string code)
    {
        await using var session = SessionHarness.Customer(servers: 1, timersWait: true);
        var call = await WelcomedAsync(session);
        var ids = await SendAndReadAsync(session, call, null, "one", "two", "three", "four", "five");

        call.Responses.Push(Wire.Ack(ids[0], seq: 1), Wire.Error(code, ids[1]),
            Wire.HeldBack(ids[2], ids[1]), Wire.HeldBack(ids[3], ids[1]), Wire.HeldBack(ids[4], ids[1]));
        var backoff = await session.Time.NextTimerAsync("the back-off after the refusal of two");
        var six = await session.Sends.QueueSendAsync(null, "six", None);
        call.Responses.Push(Wire.Message(2, "barrier"));
        await session.Stream.Events.NextAsync<MessageReceived>("the agent's message after the refusals", m => m.Seq == 2);

        Assert.InRange(backoff, TimeSpan.FromMilliseconds(125), TimeSpan.FromMilliseconds(250));
        Assert.Equal(1, session.Time.WaitingTimers); // the held-back refusals joined the hold: no back-off of their own
        Assert.True(call.Requests.NothingMoreYet, "a send was written while a refusal held sends back");
        session.Time.FireTimers();
        Assert.Equal([ids[1], ids[2], ids[3], ids[4], six.ClientMsgId], await WrittenAsync(session, call, 5, "the resends, then six"));

        call.Responses.Push(Wire.Ack(ids[1], 3), Wire.Ack(ids[2], 4), Wire.Ack(ids[3], 5), Wire.Ack(ids[4], 6), Wire.Ack(six.ClientMsgId, 7));
        await session.Stream.Events.NextAsync<MessageReceived>("six stored", m => m.IsOwn && m.Seq == 7);
        Assert.Equal(0, session.Time.WaitingTimers);
        Assert.True(call.Requests.NothingMoreYet, "something was sent again after every send was acknowledged");
    }

    [Fact]
    public async Task Held_back_refusals_arriving_after_their_resend_start_no_second_round()
    {
        await using var session = SessionHarness.Customer(servers: 1, timersWait: true);
        var call = await WelcomedAsync(session);
        var ids = await SendAndReadAsync(session, call, null, "one", "two", "three");

        call.Responses.Push(Wire.Error("Unavailable", ids[0]));
        await session.Time.NextTimerAsync("the back-off after the refusal of one");
        session.Time.FireTimers();
        Assert.Equal(ids, await WrittenAsync(session, call, 3, "the resends of one, two and three"));

        // The server's answers to the first copies of two and three come only now, then the acks of the resends.
        call.Responses.Push(Wire.HeldBack(ids[1], ids[0]), Wire.HeldBack(ids[2], ids[0]), Wire.Ack(ids[0], 1), Wire.Ack(ids[1], 2),
            Wire.Ack(ids[2], 3));
        var seen = await session.Stream.Events.UntilAsync("three stored", e => e is MessageReceived { IsOwn: true, Seq: 3 });

        Assert.DoesNotContain(seen, e => e is ServerError);
        Assert.Equal(0, session.Time.WaitingTimers);
        Assert.True(call.Requests.NothingMoreYet, "a stale refusal made the writer send again");
    }

    [Fact]
    public async Task Refusals_in_two_conversations_are_resent_together_in_the_order_the_sends_were_made()
    {
        await using var session = SessionHarness.Agent(servers: 1, timersWait: true);
        var call = await session.Role.NextCallAsync("the stream");
        call.Responses.Push(Wire.Ready(), Wire.Assigned("a"), Wire.Assigned("b"));
        await session.Stream.StartAsync(None).Within("the ready");
        await call.Requests.NextAsync("the sign-in");
        // Interleaved: a1 b1 a2 b2 a3 b3.
        string[] a = new string[3], b = new string[3];
        for (var i = 0; i < 3; i++)
        {
            a[i] = (await SendAndReadAsync(session, call, "a", $"a{i + 1}"))[0];
            b[i] = (await SendAndReadAsync(session, call, "b", $"b{i + 1}"))[0];
        }

        call.Responses.Push(Wire.Ack(a[0], 1, "a"), Wire.Error("Unavailable", a[1], conversationId: "a"), Wire.HeldBack(a[2], a[1], "a"),
            Wire.Ack(b[0], 1, "b"), Wire.Ack(b[1], 2, "b"), Wire.Error("ResourceExhausted", b[2], conversationId: "b"));
        await session.Time.NextTimerAsync("the back-off after the refusal of a2");
        var a4 = await session.Sends.QueueSendAsync("a", "a4", None);
        call.Responses.Push(Wire.Assigned("c"));
        await session.Stream.Events.NextAsync<ConversationAssigned>("the assignment after the refusals", e => e.ConversationId == "c");

        Assert.Equal(1, session.Time.WaitingTimers);
        Assert.True(call.Requests.NothingMoreYet, "a send was written while a refusal held sends back");
        session.Time.FireTimers();
        Assert.Equal([a[1], a[2], b[2], a4.ClientMsgId], await WrittenAsync(session, call, 4, "the resends (not the acknowledged b2), then a4"));
    }

    [Fact]
    public async Task Send_refused_again_and_again_is_never_failed_and_the_application_hears_once_that_sends_are_held()
    {
        const int rounds = ResendWindow.HeldNoticeAfter + 3;
        await using var session = SessionHarness.Customer(servers: 1, timersWait: true);
        var call = await WelcomedAsync(session);
        var stuck = await session.Sends.QueueSendAsync(null, "stuck", None);
        await call.Requests.NextAsync("send stuck");
        string[] ids = [stuck.ClientMsgId, (await SendAndReadAsync(session, call, null, "behind"))[0]];

        for (var round = 1; round <= rounds; round++)
        {
            call.Responses.Push(Wire.Error("Unavailable", ids[0]), Wire.HeldBack(ids[1], ids[0]));
            var backoff = await session.Time.NextTimerAsync($"back-off {round}");
            // 0.25 s doubling per round, capped at 30 s; each a random point in the upper half.
            var ceiling = TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * Math.Pow(2, round - 1)));
            Assert.InRange(backoff, ceiling / 2, ceiling);
            session.Time.FireTimers();
            Assert.Equal(ids, await WrittenAsync(session, call, 2, $"the resends of round {round}"));
        }

        Assert.False(stuck.Outcome.IsCompleted, "the refused send was given up");
        call.Responses.Push(Wire.Ack(ids[0], 1), Wire.Ack(ids[1], 2));
        var seen = await session.Stream.Events.UntilAsync("both stored", e => e is MessageReceived { IsOwn: true, Seq: 2 });

        var notice = Assert.Single(seen.OfType<ServerError>());
        Assert.Equal(("Unavailable", ids[0]), (notice.Code, notice.ClientMsgId));
        Assert.Contains($"after {ResendWindow.HeldNoticeAfter + 1} tries", notice.Message);
        Assert.Equal([1L, 2L], seen.OfType<MessageReceived>().Select(m => m.Seq));
    }

    [Fact]
    public async Task Stream_breaking_during_a_hold_sends_everything_unacknowledged_again_on_the_next_one_in_order()
    {
        await using var session = SessionHarness.Customer(servers: 1, timersWait: true);
        var first = await WelcomedAsync(session);
        var ids = await SendAndReadAsync(session, first, null, "one", "two", "three");
        first.Responses.Push(Wire.Error("Unavailable", ids[0]), Wire.HeldBack(ids[1], ids[0]));
        await session.Time.NextTimerAsync("the back-off after the refusal of one");
        var four = await session.Sends.QueueSendAsync(null, "four", None);

        first.Responses.Break(new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down.")));
        await session.Time.NextTimerAsync("the reconnect back-off");
        session.Time.FireTimers();
        var second = await session.Role.NextCallAsync("the second stream");
        await second.Requests.NextAsync("the resume hello");
        second.Responses.Push(Wire.Welcome());

        var written = await WrittenAsync(session, second, 4, "the resends, then four");
        Assert.Equal([.. ids, four.ClientMsgId], written);
        second.Responses.Push(Wire.Ack(ids[0], 1), Wire.Ack(ids[1], 2), Wire.Ack(ids[2], 3), Wire.Ack(four.ClientMsgId, 4));
        await session.Stream.Events.NextAsync<MessageReceived>("four stored", m => m.IsOwn && m.Seq == 4);
        Assert.Equal(0, session.Time.WaitingTimers);
        Assert.True(second.Requests.NothingMoreYet, "the old stream's hold sent again on the new one");
    }

    private static async Task<FakeCall<CustomerCommand>> WelcomedAsync(SessionHarness<CustomerCommand> session)
    {
        var call = await session.Role.NextCallAsync("the stream");
        call.Responses.Push(Wire.Welcome());
        await session.Stream.StartAsync(None).Within("the welcome");
        await call.Requests.NextAsync("the hello");
        return call;
    }

    /// <summary>Queues sends and waits until each is written; their client_msg_ids in order.</summary>
    private static async Task<string[]> SendAndReadAsync<TCommand>(SessionHarness<TCommand> session, FakeCall<TCommand> call, string? conversationId,
        params string[] texts)
        where TCommand : class
    {
        var ids = new string[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            ids[i] = (await session.Sends.QueueSendAsync(conversationId, texts[i], None)).ClientMsgId;
            await call.Requests.NextAsync($"send {texts[i]}");
        }

        return ids;
    }

    /// <summary>The client_msg_ids of the next sends written.</summary>
    private static async Task<string[]> WrittenAsync<TCommand>(SessionHarness<TCommand> session, FakeCall<TCommand> call, int count, string what)
        where TCommand : class
    {
        var written = new string[count];
        for (var i = 0; i < count; i++)
        {
            var command = await call.Requests.NextAsync($"{what} (write {i + 1})");
            written[i] = session.Role.AsSend(command)?.ClientMsgId ?? throw new InvalidOperationException($"not a send: {command}");
        }

        return written;
    }
}
