using SupportChat.Protocol.V1;
using SupportChat.EndToEnd.Tests.Browser;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests.Notes;

/// <summary>Issue 21: a private note reaches the conversation's agents, in its place among the messages, and never its
/// customer: not live, not on resume, not through the browser API, not through history with the customer's token.</summary>
public sealed class PrivateNoteTests : IAsyncLifetime
{
    private const string Secret = "NOTE-refund-approved-by-finance";
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await WebServer.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_note_reaches_the_agent_in_order_and_no_path_of_the_customer()
    {
        using var channel = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello("Nora", 2));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob"));
        var welcome = (await customer.WaitForAsync(Kind.Welcome, "welcome")).Welcome;
        var conversation = (await agent.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;

        await customer.SendAsync(Wire.CustomerSend("my refund?", "c-1"));
        await agent.WaitForAsync(e => e.Message?.Seq == 1, "the customer's message");
        await agent.SendAsync(NoteWire.Note(conversation, Secret, "n-1"));
        var note = (await agent.WaitForAsync(Kind.Note, "the agent's own note back")).Note;
        await agent.SendAsync(NoteWire.Note(conversation, Secret, "n-1")); // a retry: stored once
        await agent.SendAsync(Wire.AgentSend("checking", conversation, "a-1"));
        await customer.WaitForAsync(e => e.Message?.Seq == 2, "the agent's answer, right after the customer's message");

        Assert.Equal((1L, 1L, "n-1", "Nora"), (note.NoteSeq, note.AfterSeq, note.ClientMsgId, note.AuthorName));
        // No gap: its own message acknowledged as seq 1, the agent's answer as seq 2.
        Assert.Equal([1L, 2L], customer.All.Where(e => e.Message is not null || e.Ack is not null).Select(e => e.Message?.Seq ?? e.Ack.Seq));
        Assert.DoesNotContain(customer.All, e => e.EventCase == Kind.Note);
        NoteWire.AssertNoTrace(customer.All, Secret);

        // The customer resumes from nothing: the replay has both messages and no note.
        await using var again = RawParticipant<CustomerCommand>.Customer(channel);
        await again.SendAsync(Wire.CustomerResume(welcome, 0));
        await again.WaitForAsync(e => e.Message?.Seq == 2, "the replay");
        NoteWire.AssertNoTrace(again.All, Secret);
        Assert.DoesNotContain(again.All, e => e.EventCase == Kind.Note);

        // History: the customer's token reads the messages only; an agent's (here: no accounts, everything) reads the note.
        var customers = await NoteWire.TranscriptAsync(channel, conversation, NoteWire.HistoryToken(welcome));
        Assert.Empty(customers.Notes);
        NoteWire.AssertNoTrace([customers], Secret);
        Assert.Equal(2, customers.Conversation.MessageCount); // the note is no message
        var agents = await NoteWire.TranscriptAsync(channel, conversation);
        Assert.Equal([(Secret, 1L)], agents.Notes.Select(n => (n.Text, n.AfterSeq)));
    }

    [Fact]
    public async Task An_agent_coming_back_gets_the_notes_among_the_messages()
    {
        using var channel = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello("Otto", 1));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Cleo"));
        var conversation = (await agent.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;
        await customer.SendAsync(Wire.CustomerSend("one", "c-1"));
        await agent.WaitForAsync(e => e.Message?.Seq == 1, "one");
        await agent.SendAsync(NoteWire.Note(conversation, Secret, "n-1"));
        await agent.WaitForAsync(Kind.Note, "the note");
        await customer.SendAsync(Wire.CustomerSend("two", "c-2"));
        await agent.WaitForAsync(e => e.Message?.Seq == 2, "two");

        // A second stream of the same agent (a reconnect) replaces the first and catches up from 0.
        await using var back = RawParticipant<AgentCommand>.Agent(channel);
        await back.SendAsync(Wire.AgentHelloAgain("Otto", 1, (conversation, 0)));
        await back.WaitForAsync(e => e.Message?.Seq == 2, "the replay");

        var order = back.All.Where(e => e.EventCase is Kind.Message or Kind.Note)
            .Select(e => e.EventCase == Kind.Note ? "note:" + e.Note.Text : "seq:" + e.Message.Seq).ToList();
        Assert.Equal(["seq:1", "note:" + Secret, "seq:2"], order);
    }

    [Fact]
    public async Task A_browser_customer_never_sees_a_note()
    {
        using var web = WebServer.GrpcWebChannel(_server.WebUrl);
        using var channel = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello("Pia", 1));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        var conversation = (await agent.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;
        await bob.SendAsync("hello", "b-1");
        await agent.SendAsync(NoteWire.Note(conversation, Secret, "n-1"));
        await agent.WaitForAsync(Kind.Note, "the note");
        await agent.SendAsync(Wire.AgentSend("hi", conversation, "a-1"));
        await bob.WaitForAsync(e => e.Message?.Seq == 2, "the answer");

        // And on a browser resume from 0.
        await using var again = await BrowserCustomerClient.OpenAsync(web, BrowserCustomerClient.Resume(bob.Welcome, 0));
        await again.WaitForAsync(e => e.Message?.Seq == 2, "the replay");

        Assert.DoesNotContain(bob.All.Concat(again.All), e => e.EventCase == Kind.Note);
        NoteWire.AssertNoTrace(bob.All.Concat(again.All), Secret);
    }

    [Fact]
    public async Task A_note_is_refused_to_a_customer_and_for_a_bad_shape()
    {
        using var channel = Wire.Channel(_server);
        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello("Quinn", 1));
        await agent.WaitForAsync(Kind.Ready, "ready");
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Dan"));
        var conversation = (await agent.WaitForAsync(Kind.Assigned, "assigned")).Assigned.ConversationId;

        await agent.SendAsync(NoteWire.Note(conversation, "   ", "n-1"));
        var empty = (await agent.WaitForAsync(Kind.Error, "the empty note's error")).Error;
        await agent.SendAsync(NoteWire.Note("cnotmine12345", "x", "n-2"));
        var notMine = (await agent.WaitForAsync(e => e.Error?.ClientMsgId == "n-2", "someone else's conversation")).Error;

        Assert.Equal(("InvalidArgument", "n-1"), (empty.Code, empty.ClientMsgId));
        Assert.Equal("PermissionDenied", notMine.Code);
    }
}
