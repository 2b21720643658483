using SupportChat.Domain.Events;
using SupportChat.Domain.Persistence;
using SupportChat.Protocol.V1;
using Microsoft.Extensions.DependencyInjection;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests.Notes;

/// <summary>Issue 21: a conversation handed to a named colleague with a note (seen first, the customer told who takes
/// over, never the note); refusals leave it with the first agent; a department transfer's note reaches the next agent.</summary>
public sealed class HandoverTests : IAsyncLifetime
{
    private const string Secret = "NOTE-vip-customer-be-kind";
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(null, "billing", "sales");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_handover_to_a_named_available_agent_shows_the_note_first_and_tells_the_customer()
    {
        using var channel = Wire.Channel(_server);
        await using var pair = await ChatPair.StartAsync(_server);
        var conversation = pair.ConversationId;
        var ada = pair.Agent.All.First(e => e.EventCase == Kind.Ready).Ready;
        await pair.Customer.SendAsync(Wire.CustomerSend("my invoice is wrong", "c-1"));
        await pair.Agent.WaitForAsync(e => e.Message?.Seq == 1, "the customer's message");
        await using var bob = RawParticipant<AgentCommand>.Agent(channel);
        await bob.SendAsync(Wire.AgentHello("Bob Stone", 1, "billing"));
        await bob.WaitForAsync(Kind.Ready, "Bob ready");

        await pair.Agent.SendAsync(NoteWire.Handover(conversation, "Bob Stone", Secret));

        var taken = (await bob.WaitForAsync(Kind.Assigned, "Bob's assignment")).Assigned;
        await bob.WaitForAsync(e => e.Message?.From == SenderRole.System, "the system message of the handover");
        var customerTold = (await pair.Customer.WaitForAsync(e => e.Message?.From == SenderRole.System, "the customer told")).Message;
        var newAgent = (await pair.Customer.WaitForAsync(e => e.Assigned?.AgentName == "Bob Stone", "the customer's new assignment")).Assigned;
        var adaEnded = (await pair.Agent.WaitForAsync(Kind.Ended, "Ada's end of it")).Ended;

        // Bob: the note first (on the assignment, before any message), then the history with the note in its place.
        Assert.Equal((Secret, ada.Name), (taken.HandoverNote, taken.HandoverFrom));
        var bobs = bob.All.Where(e => e.EventCase is Kind.Assigned or Kind.Message or Kind.Note).ToList();
        Assert.Equal(Kind.Assigned, bobs[0].EventCase);
        Assert.Equal(["seq:1", "note", "seq:2"], bobs.Skip(1).Select(e => e.EventCase == Kind.Note ? "note" : "seq:" + e.Message.Seq));
        Assert.Equal($"{ada.Name} handed you over to Bob Stone.", customerTold.Text);
        Assert.Equal(("bob-stone", string.Empty), (newAgent.AgentId, newAgent.HandoverNote));
        Assert.Contains("Bob Stone", adaEnded.Reason);
        NoteWire.AssertNoTrace(pair.Customer.All, Secret);

        // Bob now answers; Ada no longer can.
        await bob.SendAsync(Wire.AgentSend("hello, Bob here", conversation, "b-1"));
        Assert.Equal("hello, Bob here", (await pair.Customer.WaitForAsync(e => e.Message?.Seq == 3, "Bob's answer")).Message.Text);

        // History and the event feed record it.
        var transcript = await NoteWire.TranscriptAsync(channel, conversation);
        Assert.Equal([Secret], transcript.Notes.Select(n => n.Text));
        Assert.Contains("Bob Stone", transcript.Conversation.Agents);
        var events = await _server.Services.GetRequiredService<IChatStore>().ReadEventsAsync(0, 1000, CancellationToken.None);
        var mine = events.Where(e => e.ConversationId == conversation).ToList();
        var handed = mine.Single(e => e.Kind == ChatEventKinds.ConversationTransferred);
        Assert.Equal((ada.AgentId, "handed over to Bob Stone", "billing"), (handed.AgentId, handed.Reason, handed.FromDepartment));
        Assert.Equal("bob-stone", mine.Last(e => e.Kind == ChatEventKinds.ConversationAssigned).AgentId);
    }

    [Fact]
    public async Task A_handover_to_someone_away_at_capacity_or_not_signed_in_is_refused_and_the_conversation_stays()
    {
        using var channel = Wire.Channel(_server);
        await using var pair = await ChatPair.StartAsync(_server);
        var conversation = pair.ConversationId;

        await using var away = RawParticipant<AgentCommand>.Agent(channel);
        await away.SendAsync(Wire.AgentHello("Carol Away", 2, "sales"));
        await away.WaitForAsync(Kind.Ready, "Carol ready");
        await away.SendAsync(new AgentCommand { Status = new SetStatus { Status = AgentStatus.Away } });
        await away.WaitForAsync(e => e.Ready?.Status == AgentStatus.Away, "Carol away");

        await using var busy = RawParticipant<AgentCommand>.Agent(channel);
        await busy.SendAsync(Wire.AgentHello("Dave Busy", 1, "sales"));
        await busy.WaitForAsync(Kind.Ready, "Dave ready");
        await using var other = RawParticipant<CustomerCommand>.Customer(channel);
        await other.SendAsync(Wire.CustomerHello("Erin", "sales"));
        await busy.WaitForAsync(Kind.Assigned, "Dave's one conversation");

        await pair.Agent.SendAsync(NoteWire.Handover(conversation, "Carol Away", Secret));
        var toAway = (await pair.Agent.WaitForAsync(Kind.Error, "refused: away")).Error;
        await pair.Agent.SendAsync(NoteWire.Handover(conversation, "Dave Busy", Secret));
        var toBusy = (await pair.Agent.WaitForAsync(e => e.Error is not null && e.Error != toAway, "refused: at capacity")).Error;
        await pair.Agent.SendAsync(NoteWire.Handover(conversation, "Nobody Here", Secret));
        var toNobody = (await pair.Agent.WaitForAsync(e => e.Error?.Message.Contains("Nobody", StringComparison.OrdinalIgnoreCase) == true,
            "refused: not signed in")).Error;
        var ownName = pair.Agent.All.First(e => e.EventCase == Kind.Ready).Ready.Name;
        await pair.Agent.SendAsync(NoteWire.Handover(conversation, ownName));
        var toSelf = (await pair.Agent.WaitForAsync(e => e.Error?.Code == "InvalidArgument", "refused: oneself")).Error;

        Assert.Equal(("FailedPrecondition", "FailedPrecondition", "FailedPrecondition"), (toAway.Code, toBusy.Code, toNobody.Code));
        Assert.Contains("away", toAway.Message);
        Assert.Contains("capacity", toBusy.Message);
        Assert.Contains("not signed in", toNobody.Message);
        Assert.Contains("yourself", toSelf.Message);

        // Still the first agent's: it answers, the customer got no other assignment and no system message.
        await pair.Agent.SendAsync(Wire.AgentSend("still here", conversation, "a-1"));
        Assert.Equal("still here", (await pair.Customer.WaitForAsync(e => e.Message?.Seq == 1, "the first agent's answer")).Message.Text);
        Assert.Single(pair.Customer.All, e => e.EventCase == Kind.Assigned);
        Assert.DoesNotContain(pair.Agent.All, e => e.EventCase == Kind.Ended);
        Assert.DoesNotContain(away.All.Concat(busy.All), e => e.Assigned?.ConversationId == conversation);
        var transcript = await NoteWire.TranscriptAsync(channel, conversation);
        Assert.Empty(transcript.Notes); // a refused handover leaves no note behind
        NoteWire.AssertNoTrace(pair.Customer.All, Secret);
    }

    [Fact]
    public async Task A_transfer_to_a_department_with_a_note_shows_it_to_the_next_agent()
    {
        using var channel = Wire.Channel(_server);
        await using var pair = await ChatPair.StartAsync(_server);
        var conversation = pair.ConversationId;
        await pair.Customer.SendAsync(Wire.CustomerSend("I want to buy more", "c-1"));
        await pair.Agent.WaitForAsync(e => e.Message?.Seq == 1, "the customer's message");

        await pair.Agent.SendAsync(NoteWire.TransferTo(conversation, "sales", Secret));
        await pair.Agent.WaitForAsync(Kind.Ended, "the transfer away");
        await using var eve = RawParticipant<AgentCommand>.Agent(channel);
        await eve.SendAsync(Wire.AgentHello("Eve Sales", 1, "sales"));
        var taken = (await eve.WaitForAsync(e => e.Assigned?.ConversationId == conversation, "Eve's assignment")).Assigned;
        await eve.WaitForAsync(Kind.Note, "the note among the messages");
        await pair.Customer.WaitForAsync(e => e.Assigned?.AgentName == "Eve Sales", "the customer's new assignment");

        Assert.Equal(Secret, taken.HandoverNote);
        NoteWire.AssertNoTrace(pair.Customer.All, Secret);
    }
}
