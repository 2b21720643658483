using Microsoft.Extensions.Logging.Abstractions;
using SupportChat.Domain;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Streams.Commands;
using SupportChat.Server.Tests.Metrics;
using SupportChat.Server.Tests.Fakes;
using SupportChat.Server.Tests.Support;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Server.Tests.Streams;

/// <summary>The send path: text and client_msg_id are checked and the rate charged here at the edge, before the one
/// SendBatch call (these replace the grain tests of the same rules, which moved here with the checks).</summary>
public sealed class MessageSenderTests
{
    private const string ConversationId = "c1";

    [Fact]
    public async Task BatchWithOneInvalidSend_RefusesOnlyThatOne_AndAcksTheOthersInOrder()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        harness.Session.Track(ConversationId, 0);
        var sender = new MessageSender(new SendRateLimit(harness.Options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("b1", "one"), Send("b2", "\u001b[2J"), Send("b3", "three")])
            .WithTimeout("the batch to be sent");

        Assert.Equal(["SendBatch(customer-1, b1 b3)"], conversation.Calls.All);
        var events = await harness.DrainAsync();
        Assert.Equal(("InvalidArgument", "b2", ConversationId), (events[0].Error.Code, events[0].Error.ClientMsgId, events[0].Error.ConversationId));
        Assert.Equal([("b1", 1L), ("b3", 2L)], events.Skip(1).Select(e => (e.Ack.ClientMsgId, e.Ack.Seq)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t ")]
    public async Task EmptyOrWhitespaceText_IsInvalidArgument(string text)
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        var sender = new MessageSender(new SendRateLimit(harness.Options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("e1", text)]).WithTimeout("the send to be refused");

        Assert.Empty(conversation.Calls.All);
        var error = Assert.Single(await harness.DrainAsync()).Error;
        Assert.Equal(("InvalidArgument", "e1"), (error.Code, error.ClientMsgId));
    }

    [Fact]
    public async Task SendOverTheRateLimit_IsResourceExhausted_AndTheOthersGoOn()
    {
        // Practically no refill during the test: the burst is all there is.
        var options = new ChatOptions { SendBurst = 2, SendRatePerSecond = 0.001 };
        await using var harness = new SessionHarness(options);
        var conversation = harness.Grains.FakeConversation(ConversationId);
        harness.Session.Track(ConversationId, 0);
        var sender = new MessageSender(new SendRateLimit(options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("r1", "one"), Send("r2", "two"), Send("r3", "three")])
            .WithTimeout("the batch to be sent");

        Assert.Equal(["SendBatch(customer-1, r1 r2)"], conversation.Calls.All);
        var events = await harness.DrainAsync();
        Assert.Equal(("ResourceExhausted", "r3"), (events[0].Error.Code, events[0].Error.ClientMsgId));
        Assert.StartsWith("too many messages", events[0].Error.Message, StringComparison.Ordinal);
        Assert.Equal(["r1", "r2"], events.Skip(1).Select(e => e.Ack.ClientMsgId));
    }

    [Fact]
    public async Task SendOverTheRateLimit_IsCountedAsRateLimitedAndAsAnError_AndTheAckedOnesGetALatency()
    {
        using var recorder = new MetricRecorder();
        var options = new ChatOptions { SendBurst = 2, SendRatePerSecond = 0.001 };
        await using var harness = new SessionHarness(options, metrics: recorder.Metrics);
        var conversation = harness.Grains.FakeConversation(ConversationId);
        harness.Session.Track(ConversationId, 0);
        var sender = new MessageSender(new SendRateLimit(options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("r1", "one"), Send("r2", "two"), Send("r3", "three")])
            .WithTimeout("the batch to be sent");
        await harness.DrainAsync();

        Assert.Equal(1, recorder.Sum("supportchat.commands.rate_limited"));
        Assert.Equal(1, recorder.Sum("supportchat.errors", "rpc.grpc.status_code", (int)Grpc.Core.StatusCode.ResourceExhausted));
        Assert.Equal(1, recorder.Sum("supportchat.errors"));
        Assert.Equal(2, recorder.Count("supportchat.send.ack_latency"));
    }

    [Fact]
    public async Task SendTheConversationRefuses_GetsItsCode_NamingItsClientMsgId()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        conversation.SendBatchOverride = sends => Task.FromResult<IReadOnlyList<SendOutcome>>(
            [.. sends.Select(s => SendOutcome.Refused(s.ClientMsgId, ErrorCode.FailedPrecondition, "the conversation has ended."))]);
        var sender = new MessageSender(new SendRateLimit(harness.Options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("f1", "late")]).WithTimeout("the send to be refused");

        var error = Assert.Single(await harness.DrainAsync()).Error;
        Assert.Equal(("FailedPrecondition", "f1", "the conversation has ended."), (error.Code, error.ClientMsgId, error.Message));
    }

    [Fact]
    public async Task GrainCallThatFails_AnswersEverySendOfTheBatch()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        conversation.SendBatchOverride = _ => Task.FromException<IReadOnlyList<SendOutcome>>(ChatException.Unavailable("the store is down."));
        var sender = new MessageSender(new SendRateLimit(harness.Options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("u1", "one"), Send("u2", "two")])
            .WithTimeout("the batch to fail");

        var events = await harness.DrainAsync();
        Assert.Equal([("Unavailable", "u1"), ("Unavailable", "u2")], events.Select(e => (e.Error.Code, e.Error.ClientMsgId)));
    }

    [Fact]
    public async Task SendTheStoreRefused_HoldsBackTheLaterSendsOfThatConversationOnly_UntilItComesAgain()
    {
        await using var harness = new SessionHarness();
        var c1 = harness.Grains.FakeConversation(ConversationId);
        var c2 = harness.Grains.FakeConversation("c2");
        harness.Session.Track(ConversationId, 0);
        harness.Session.Track("c2", 0);
        RefuseFirstBatch(c1);
        var sender = new MessageSender(new SendRateLimit(harness.Options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, c1, ConversationId, [Send("a", "one")]).WithTimeout("a to be refused");
        await sender.SendBatchAsync(harness.Session, c1, ConversationId, [Send("b", "two"), Send("c", "three")]).WithTimeout("b and c");
        await sender.SendBatchAsync(harness.Session, c2, "c2", [Send("x", "elsewhere")]).WithTimeout("x, to another conversation");
        await sender.SendBatchAsync(harness.Session, c1, ConversationId, [Send("a", "one"), Send("b", "two"), Send("c", "three")])
            .WithTimeout("the resends");

        Assert.Equal(["SendBatch(customer-1, a)", "SendBatch(customer-1, a b c)"], c1.Calls.All);
        Assert.Equal(["SendBatch(customer-1, x)"], c2.Calls.All);
        var events = await harness.DrainAsync();
        Assert.Equal([
            "Error Unavailable a: not stored",
            "Error Unavailable b: held back: resend a first",
            "Error Unavailable c: held back: resend a first",
            "Ack x 1",
            "Ack a 1", "Ack b 2", "Ack c 3",
        ], events.Select(Describe));
    }

    [Fact]
    public async Task SendOverTheRate_HoldsBackTooAndHeldBackSendsAreNotCharged()
    {
        // Three sends' worth of tokens and practically no refill.
        var options = new ChatOptions { SendBurst = 3, SendRatePerSecond = 0.001 };
        await using var harness = new SessionHarness(options);
        var conversation = harness.Grains.FakeConversation(ConversationId);
        harness.Session.Track(ConversationId, 0);
        RefuseFirstBatch(conversation);
        var sender = new MessageSender(new SendRateLimit(options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("a", "one")]).WithTimeout("a to be refused");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("b", "two"), Send("c", "three")])
            .WithTimeout("b and c, held back");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("a", "one"), Send("b", "two"), Send("c", "three")])
            .WithTimeout("the resends, over the rate from c on");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("d", "four")]).WithTimeout("d, held back by c");

        // a took a token, b and c none while held back; a and b then took the last two, and c was over the rate.
        Assert.Equal(["SendBatch(customer-1, a)", "SendBatch(customer-1, a b)"], conversation.Calls.All);
        var events = await harness.DrainAsync();
        Assert.Equal([
            "Error Unavailable a: not stored",
            "Error Unavailable b: held back: resend a first",
            "Error Unavailable c: held back: resend a first",
            "Error ResourceExhausted c: too many messages",
            "Ack a 1", "Ack b 2",
            "Error Unavailable d: held back: resend c first",
        ], events.Select(Describe));
    }

    [Fact]
    public async Task SendWhoseCallFailedAfterItWasStored_HoldsNothingBack()
    {
        // Its node died between storing and answering: the client hears of it as a message and never resends it, so a
        // hold on it would hold every later send for as long as the stream lasts.
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        harness.Session.Track(ConversationId, 1); // a, stored as seq 1, reached the stream as a message
        FailFirstCall(conversation, storeFirst: true);
        var sender = new MessageSender(new SendRateLimit(harness.Options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("a", "one")]).WithTimeout("a's call to fail");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("b", "two"), Send("c", "three")]).WithTimeout("b and c");

        Assert.Equal(["SendBatch(customer-1, a)", "HasStored(customer-1, a)", "SendBatch(customer-1, b c)"], conversation.Calls.All);
        Assert.Equal(["Error Unavailable a: a node of the cluster did not answer (it may have just failed); try again.", "Ack b 2", "Ack c 3"],
            (await harness.DrainAsync()).Select(Describe));
    }

    [Fact]
    public async Task SendWhoseCallFailedUnstored_HoldsTheLaterSendsBack_UntilItComesAgain()
    {
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        harness.Session.Track(ConversationId, 0);
        FailFirstCall(conversation, storeFirst: false);
        var sender = new MessageSender(new SendRateLimit(harness.Options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("a", "one")]).WithTimeout("a's call to fail");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("b", "two")]).WithTimeout("b, held back");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("a", "one"), Send("b", "two")]).WithTimeout("the resends");

        Assert.Equal(["SendBatch(customer-1, a)", "HasStored(customer-1, a)", "SendBatch(customer-1, a b)"], conversation.Calls.All);
        Assert.Equal(["Error Unavailable a: a node of the cluster did not answer (it may have just failed); try again.",
            "Error Unavailable b: held back: resend a first", "Ack a 1", "Ack b 2"], (await harness.DrainAsync()).Select(Describe));
    }

    [Fact]
    public async Task HeldSendFoundStoredLater_PassesTheHoldToTheFirstSendHeldBackBehindIt()
    {
        // b was refused behind a; once a is known stored, b is the client's first pending refused send: c must wait for it.
        await using var harness = new SessionHarness();
        var conversation = harness.Grains.FakeConversation(ConversationId);
        harness.Session.Track(ConversationId, 1); // a, stored as seq 1, reached the stream as a message
        FailFirstCall(conversation, storeFirst: false);
        var sender = new MessageSender(new SendRateLimit(harness.Options, TimeProvider.System), NullLogger.Instance);

        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("a", "one")]).WithTimeout("a's call to fail");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("b", "two")]).WithTimeout("b, held back");
        conversation.Store("one", "customer-1", SupportChat.Domain.Messages.SenderRole.Customer, "a");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("c", "three")]).WithTimeout("c, held back behind b");
        await sender.SendBatchAsync(harness.Session, conversation, ConversationId, [Send("b", "two"), Send("c", "three")]).WithTimeout("b and c again");

        Assert.Equal(["SendBatch(customer-1, a)", "HasStored(customer-1, a)", "HasStored(customer-1, a)", "SendBatch(customer-1, b c)"],
            conversation.Calls.All);
        var events = (await harness.DrainAsync()).Select(Describe).ToList();
        Assert.Equal(["Error Unavailable b: held back: resend a first", "Error Unavailable c: held back: resend b first", "Ack b 2", "Ack c 3"],
            events.Skip(1));
    }

    /// <summary>The first SendBatch fails as a call does when the conversation's node dies; with
    /// <paramref name="storeFirst"/> its sends were stored before it did.</summary>
    private static void FailFirstCall(FakeConversationGrain conversation, bool storeFirst) =>
        AnswerFirstBatch(conversation, sends =>
        {
            if (storeFirst)
            {
                foreach (var send in sends)
                {
                    conversation.Store(send.Text, "customer-1", SupportChat.Domain.Messages.SenderRole.Customer, send.ClientMsgId);
                }
            }

            return Task.FromException<IReadOnlyList<SendOutcome>>(new TimeoutException("the node did not answer"));
        });

    /// <summary>The conversation's first SendBatch is not stored (as when the store fails); later ones are.</summary>
    private static void RefuseFirstBatch(FakeConversationGrain conversation) =>
        AnswerFirstBatch(conversation, sends => Task.FromResult<IReadOnlyList<SendOutcome>>(
            [.. sends.Select(s => SendOutcome.Refused(s.ClientMsgId, ErrorCode.Unavailable, "not stored"))]));

    /// <summary>The conversation's first SendBatch gets <paramref name="answer"/>; later ones are stored as usual.</summary>
    private static void AnswerFirstBatch(FakeConversationGrain conversation, Func<IReadOnlyList<OutgoingText>, Task<IReadOnlyList<SendOutcome>>> answer) =>
        conversation.SendBatchOverride = sends =>
        {
            conversation.SendBatchOverride = null;
            return answer(sends);
        };

    private static string Describe(ServerEvent e) => e.EventCase == ServerEvent.EventOneofCase.Ack
        ? $"Ack {e.Ack.ClientMsgId} {e.Ack.Seq}"
        : $"Error {e.Error.Code} {e.Error.ClientMsgId}: {(e.Error.Message.StartsWith("too many", StringComparison.Ordinal) ? "too many messages" : e.Error.Message)}";

    private static SendMessage Send(string clientMsgId, string text) => new() { ClientMsgId = clientMsgId, Text = text };
}
