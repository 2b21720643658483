using SupportChat.Domain;
using SupportChat.Protocol.V1;
using SupportChat.Server.Tests.Support;
using ConversationStatus = SupportChat.Domain.Conversations.ConversationStatus;
using EventCase = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.Server.Tests.Streams;

/// <summary>
/// An agent's grain lists its conversations at sign-in, and can be a step ahead of a conversation (reserved for the agent,
/// not yet assigned) or behind it (ended or handed on, its release still on its way). A conversation that refuses the
/// agent is dropped from the stream; the stream goes on.
/// </summary>
public sealed class AgentSignInAgainTests
{
    private static readonly string AgentId = Ids.AgentIdFromName("Ada");

    [Fact]
    public async Task ConversationTheClientHad_ButThatRefusesTheAgent_IsReportedNoLongerYours_AndTheStreamGoesOn()
    {
        using var harness = new StreamHarness();
        var (gone, mine) = (Ids.NewConversationId(), Ids.NewConversationId());
        harness.Grains.FakeAgent(AgentId).OpenConversations.AddRange([gone, mine]);
        harness.Grains.FakeConversation(gone).Outsiders.Add(AgentId);
        harness.Grains.FakeConversation(mine).Status = ConversationStatus.Active;
        using var agent = harness.StartAgent();

        agent.Requests.Add(new AgentCommand { Hello = new AgentHello { Name = "Ada", Cursors = { [gone] = 0, [mine] = 0 } } });

        var ended = (await agent.WaitForAsync(EventCase.Ended)).Ended;
        Assert.Equal((gone, EndedBy.System, 0L), (ended.ConversationId, ended.By, ended.LastSeq));
        Assert.StartsWith("this conversation is no longer yours", ended.Reason, StringComparison.Ordinal);
        Assert.Equal(mine, (await agent.WaitForAsync(EventCase.Assigned)).Assigned.ConversationId);
        agent.Requests.Add(StreamHarness.AgentSignOff());
        await agent.Run.WithTimeout("the agent's stream to end OK after its sign-off");
    }

    [Fact]
    public async Task ConversationTheClientNeverHeardOf_ThatRefusesTheAgent_IsDroppedQuietly()
    {
        using var harness = new StreamHarness();
        var reserved = Ids.NewConversationId();
        harness.Grains.FakeAgent(AgentId).OpenConversations.Add(reserved);
        harness.Grains.FakeConversation(reserved).Outsiders.Add(AgentId);
        using var agent = harness.StartAgent();

        agent.Requests.Add(StreamHarness.AgentHello());
        await agent.WaitForAsync(EventCase.Ready);
        Assert.Equal($"Subscribe({AgentId}, 0)", await harness.Grains.FakeConversation(reserved).Calls.WaitForAsync("Subscribe("));
        agent.Requests.Add(StreamHarness.AgentSignOff());
        await agent.Run.WithTimeout("the agent's stream to end OK after its sign-off");

        var rest = new List<ServerEvent>();
        while (agent.Responses.Frames.TryRead(out var frame))
        {
            rest.Add(frame.Event);
        }

        Assert.DoesNotContain(rest, e => e.EventCase is EventCase.Ended or EventCase.Assigned or EventCase.Error);
    }
}
