using SupportChat.Client.Delivery;
using SupportChat.Client.Events;
using SupportChat.Client.Tests.Fakes;
using SenderRole = SupportChat.Client.Events.SenderRole;
using WireRole = SupportChat.Protocol.V1.SenderRole;

namespace SupportChat.Client.Tests.Delivery;

public sealed class EventTranslatorTests
{
    private readonly PendingSends _pending = new();

    [Fact]
    public void Message_at_or_below_the_highest_seq_shown_is_dropped()
    {
        var resume = new ResumeState(new CustomerResume(Wire.CustomerId, Wire.Token, Wire.ConversationId, LastSeq: 5));
        var translator = new EventTranslator(SenderRole.Customer, "Bob", _pending, resume);

        Assert.Null(translator.Translate(Wire.Message(4)));
        Assert.Null(translator.Translate(Wire.Message(5)));
        Assert.Equal(6, Assert.IsType<MessageReceived>(translator.Translate(Wire.Message(6))).Seq);
        Assert.Null(translator.Translate(Wire.Message(6)));
        Assert.NotNull(translator.Translate(Wire.Message(1, conversationId: "other")));

        Assert.Equal(6, resume.CustomerResume?.LastSeq);
    }

    [Fact]
    public async Task Own_ack_becomes_its_message_event_exactly_once()
    {
        var translator = new EventTranslator(SenderRole.Customer, "Bob", _pending, new ResumeState());
        translator.Translate(Wire.Welcome());
        var send = _pending.Add("c-1", null, "hello there");

        var own = Assert.IsType<MessageReceived>(translator.Translate(Wire.Ack("c-1", seq: 1)));

        Assert.Equal((true, SenderRole.Customer, Wire.CustomerId, "Bob", "hello there", "c-1", 1L),
            (own.IsOwn, own.From, own.SenderId, own.SenderName, own.Text, own.ClientMsgId, own.Seq));
        Assert.Same(own, await send.Outcome.Within("the send's outcome"));
        Assert.Null(translator.Translate(Wire.Ack("c-1", seq: 1)));
        Assert.Null(translator.Translate(Wire.Message(1, "hello there", from: WireRole.Customer, senderId: Wire.CustomerId, clientMsgId: "c-1")));
        Assert.Null(_pending.TryGet("c-1"));
    }

    [Fact]
    public void Own_message_that_overtakes_its_ack_is_shown_once_as_own()
    {
        var translator = new EventTranslator(SenderRole.Customer, "Bob", _pending, new ResumeState());
        translator.Translate(Wire.Welcome());
        _pending.Add("c-1", null, "hi");

        var own = Assert.IsType<MessageReceived>(translator.Translate(
            Wire.Message(1, "hi", from: WireRole.Customer, senderId: Wire.CustomerId, clientMsgId: "c-1")));

        Assert.True(own.IsOwn);
        Assert.Null(translator.Translate(Wire.Ack("c-1", seq: 1)));
    }

    [Fact]
    public void Assignment_repeated_after_a_reconnect_is_dropped()
    {
        var resume = new ResumeState();
        var translator = new EventTranslator(SenderRole.Agent, "Ada", _pending, resume);
        translator.Translate(Wire.Ready());

        Assert.IsType<ConversationAssigned>(translator.Translate(Wire.Assigned()));
        Assert.Null(translator.Translate(Wire.Assigned()));
        Assert.Equal([Wire.ConversationId], resume.OpenCursors.Keys);

        // A system message announces a change of agent: the next assignment is news again.
        translator.Translate(Wire.Message(1, "transferred", from: WireRole.System, senderId: ""));
        Assert.IsType<ConversationAssigned>(translator.Translate(Wire.Assigned()));
    }

    [Fact]
    public void Ended_conversation_leaves_the_cursors()
    {
        var resume = new ResumeState();
        var translator = new EventTranslator(SenderRole.Agent, "Ada", _pending, resume);
        translator.Translate(Wire.Assigned("a"));
        translator.Translate(Wire.Assigned("b"));
        translator.Translate(Wire.Message(3, conversationId: "a"));

        Assert.IsType<ConversationEnded>(translator.Translate(Wire.Ended("b")));

        Assert.Equal(new Dictionary<string, long> { ["a"] = 3 }, resume.OpenCursors);
    }

    [Fact]
    public void Conversation_that_comes_back_after_it_ended_here_is_shown_again_from_its_start()
    {
        var resume = new ResumeState();
        var translator = new EventTranslator(SenderRole.Agent, "Ada", _pending, resume);
        translator.Translate(Wire.Ready());
        translator.Translate(Wire.Assigned());
        translator.Translate(Wire.Message(1, "charged twice", from: WireRole.Customer, senderId: Wire.CustomerId));
        translator.Translate(Wire.Message(2, "transferred to billing", from: WireRole.System, senderId: ""));
        translator.Translate(Wire.Ended());

        // Transferred to a department of the same agent, who has room: the server assigns it to her again and
        // replays its history, as to any agent who takes a conversation over.
        Assert.IsType<ConversationAssigned>(translator.Translate(Wire.Assigned()));
        var replayed = new[] { Wire.Message(1, "charged twice", from: WireRole.Customer, senderId: Wire.CustomerId),
            Wire.Message(2, "transferred to billing", from: WireRole.System, senderId: "") }.Select(translator.Translate);

        Assert.Equal(["charged twice", "transferred to billing"], replayed.Select(e => Assert.IsType<MessageReceived>(e).Text));
        Assert.Null(translator.Translate(Wire.Message(2, "transferred to billing", from: WireRole.System, senderId: "")));
        Assert.Equal(new Dictionary<string, long> { [Wire.ConversationId] = 2 }, resume.OpenCursors);
    }

    [Fact]
    public async Task Refusal_of_a_send_fails_it_and_becomes_an_error_event()
    {
        var translator = new EventTranslator(SenderRole.Customer, "Bob", _pending, new ResumeState());
        var send = _pending.Add("c-1", null, "x");

        var error = Assert.IsType<ServerError>(translator.Translate(Wire.Error("PermissionDenied", "c-1", "not yours")));

        Assert.Equal(("PermissionDenied", "c-1"), (error.Code, error.ClientMsgId));
        var failed = await Assert.ThrowsAsync<ChatClientException>(() => send.Outcome.Within("the send's outcome"));
        Assert.Equal("PermissionDenied", failed.Code);
    }

    [Fact]
    public void Batch_is_not_unpacked_here_but_by_the_protocol_reader()
    {
        var translator = new EventTranslator(SenderRole.Customer, "Bob", _pending, new ResumeState());

        Assert.Null(translator.Translate(Wire.Batch(Wire.Message(1))));
    }
}
