using Grpc.Core;
using SupportChat.Domain.Conversations;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Streams.Sessions;
using SupportChat.Server.Tests.Support;
using EndedBy = SupportChat.Domain.Conversations.EndedBy;

namespace SupportChat.Server.Tests.Streams;

public sealed class ParticipantSessionTests
{
    private const string ConversationId = "c1";

    [Fact]
    public async Task MessagesOfAConversation_AreWrittenInSeqOrder_EachExactlyOnce()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        var (m1, m2, m3) = (conversation.Store("one"), conversation.Store("two"), conversation.Store("three"));
        harness.Session.Track(ConversationId, 0);

        harness.Session.Post(new MessagesInput(ConversationId, [m2]));
        harness.Session.Post(new MessagesInput(ConversationId, [m1, m2]));
        harness.Session.Post(new MessagesInput(ConversationId, [m1, m3]));

        var events = await harness.DrainAsync();
        Assert.Equal([1, 2, 3], events.Select(e => e.Message.Seq));
    }

    [Fact]
    public async Task Acks_GoOutInSeqOrderWithTheConversationsMessages()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        var fromAgent = conversation.Store("from the agent");
        var own = conversation.Store("own", senderId: "customer-1", clientMsgId: "k2");
        harness.Session.Track(ConversationId, 0);

        // The receipt overtakes the notification of the message before it.
        harness.Session.Post(new AcksInput(ConversationId, [Receipt(own)]));
        harness.Session.Post(new MessagesInput(ConversationId, [fromAgent]));

        var events = await harness.DrainAsync();
        Assert.Equal([(ServerEvent.EventOneofCase.Message, 1L), (ServerEvent.EventOneofCase.Ack, 2L)], events.Select(Describe));
    }

    [Fact]
    public async Task AckOfARetriedSend_GoesOutAtOnce()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        var own = conversation.Store("own", senderId: "customer-1", clientMsgId: "k1");
        harness.Session.Track(ConversationId, 1);

        harness.Session.Post(new AcksInput(ConversationId, [Receipt(own)]));

        var events = await harness.DrainAsync();
        Assert.Equal("k1", Assert.Single(events).Ack.ClientMsgId);
    }

    [Fact]
    public async Task Ended_IsWrittenOnlyAfterEveryEarlierMessage()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        var m1 = conversation.Store("one");
        conversation.Store("two");
        conversation.Store("three");
        harness.Session.Track(ConversationId, 0);

        harness.Session.Post(new MessagesInput(ConversationId, [m1]));
        harness.Session.Post(new EndedInput(new EndedView(ConversationId, EndedBy.Agent, "agent ended the conversation", LastSeq: 3)));

        // A customer's session is done once its conversation has ended: the writer stops without being told to.
        await harness.Session.RunAsync(CancellationToken.None).WithTimeout("the writer loop to stop after the end");
        var events = new List<ServerEvent>();
        while (harness.Responses.Frames.TryRead(out var frame))
        {
            events.Add(frame.Event);
        }

        Assert.Equal(["Message 1", "Message 2", "Message 3", "Ended 3"], events.Select(e => e.EventCase == ServerEvent.EventOneofCase.Ended
            ? $"Ended {e.Ended.LastSeq}" : $"Message {e.Message.Seq}"));
        Assert.True(conversation.Calls.Contains("GetMessagesAfter(customer-1, 1)"));
        Assert.True(harness.Session.HasEnded(ConversationId));
    }

    [Fact]
    public async Task GapThatOutlastsItsGrace_IsFilledFromTheConversation()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        conversation.Store("one");
        var m2 = conversation.Store("two");
        harness.Session.Track(ConversationId, 0);
        using var stop = new CancellationTokenSource();
        var writer = harness.Session.RunAsync(stop.Token);

        // Message 1's notification never comes.
        harness.Session.Post(new MessagesInput(ConversationId, [m2]));

        Assert.Equal(1, (await harness.NextAsync("message 1, read from the conversation after the gap's grace")).Message.Seq);
        Assert.Equal(2, (await harness.NextAsync("message 2, released after message 1")).Message.Seq);
        harness.Session.Complete();
        await writer.WithTimeout("the writer loop to stop once completed");
    }

    [Fact]
    public async Task FullInbox_CutsTheClientOffAsTooSlow()
    {
        await using var harness = new SessionHarness(new ChatOptions { OutboundQueueSize = 16 });

        for (var i = 0; i < 16; i++)
        {
            harness.Session.Post(new PlainInput(new ServerEvent { Typing = new TypingNotice { ConversationId = ConversationId } }));
        }

        Assert.False(harness.Session.Stopped.IsCompleted);
        harness.Session.Post(new PlainInput(new ServerEvent { Typing = new TypingNotice { ConversationId = ConversationId } }));
        var status = await harness.Session.Stopped.WithTimeout("the session to be stopped");
        Assert.Equal((StatusCode.Unavailable, "the client did not read its events in time; reconnect to resume."), (status.StatusCode, status.Detail));

        // A stopped session writes nothing more: the status is what the client gets next.
        await harness.Session.RunAsync(CancellationToken.None).WithTimeout("the stopped writer loop");
        Assert.False(harness.Responses.Frames.TryRead(out _));
    }

    [Fact]
    public async Task Replaced_StopsTheSessionAborted_AndWritesNothingMore()
    {
        await using var harness = new SessionHarness();
        harness.Session.Post(new PlainInput(new ServerEvent { Typing = new TypingNotice { ConversationId = ConversationId } }));

        harness.Session.Replace();

        var status = await harness.Session.Stopped.WithTimeout("the session to be stopped");
        Assert.Equal((StatusCode.Aborted, "replaced by a newer connection"), (status.StatusCode, status.Detail));
        await harness.Session.RunAsync(CancellationToken.None).WithTimeout("the stopped writer loop");
        Assert.False(harness.Responses.Frames.TryRead(out _));
    }

    [Fact]
    public async Task Dispose_UnsubscribesFromEveryConversationItFollows()
    {
        var harness = new SessionHarness(participant: new TestParticipant("agent-1", endsWithConversation: false));
        harness.Session.Track("c1", 0);
        harness.Session.Track("c2", 0);

        await harness.DisposeAsync();

        Assert.True(harness.Grains.FakeConversation("c1").Calls.Contains("Unsubscribe(agent-1)"));
        Assert.True(harness.Grains.FakeConversation("c2").Calls.Contains("Unsubscribe(agent-1)"));
        Assert.Equal(["Create"], harness.Grains.ObserverCalls.All); // deleted only after the linger
    }

    [Fact]
    public async Task ConversationAssignedAgainAfterItEndedHere_IsReplayedFromItsStart_WhateverTheHelloCursorSaid()
    {
        // An agent that resumed with a cursor in the conversation, then transferred it to a department of her own.
        var agent = new TestParticipant("agent-1", endsWithConversation: false) { Cursors = new Dictionary<string, long> { [ConversationId] = 2 } };
        await using var harness = new SessionHarness(participant: agent);
        var conversation = harness.Grains.FakeConversation(ConversationId);
        conversation.Status = ConversationStatus.Active;
        conversation.Store("one");
        conversation.Store("two");
        conversation.Store("three");
        var assignment = new AssignmentView(ConversationId, "billing", "agent-1", "Ada", string.Empty, "customer-1", "Bob", DateTimeOffset.UnixEpoch);

        harness.Session.Post(new AttachInput(ConversationId, assignment));
        harness.Session.Post(new EndedInput(new EndedView(ConversationId, EndedBy.Agent, "transferred to billing", LastSeq: 3)));
        harness.Session.Post(new AttachInput(ConversationId, assignment));

        var events = await harness.DrainAsync();
        Assert.Equal(["Assigned", "Message 3", "Ended", "Assigned", "Message 1", "Message 2", "Message 3"], events.Select(e => e.EventCase switch
        {
            ServerEvent.EventOneofCase.Message => $"Message {e.Message.Seq}",
            var other => other.ToString(),
        }));
    }

    private static SendReceipt Receipt(MessageView m) => new(m.ConversationId, m.ClientMsgId, m.Seq, m.MessageId, m.SentAt);

    private static (ServerEvent.EventOneofCase, long) Describe(ServerEvent e) =>
        (e.EventCase, e.EventCase == ServerEvent.EventOneofCase.Ack ? e.Ack.Seq : e.Message.Seq);
}
