using SupportChat.Cli.Output;
using SupportChat.Cli.Screen.State;
using SupportChat.Client.Events;
using static SupportChat.Cli.Tests.Screen.ScreenEvents;

namespace SupportChat.Cli.Tests.Screen;

/// <summary>Business hours as the terminal shows them: the customer's offline notice, and the agent's count of
/// conversations left while offline, apart from the live ones.</summary>
public sealed class OfflineScreenTests
{
    private const string Notice = "We're offline until Monday 09:00 (Europe/Amsterdam); leave a message and we'll answer here.";
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Agent_StatusLine_ShowsLeftWhileOfflineApartFromTheWaiting()
    {
        var state = new AgentScreenState(new ManualClock());
        state.Apply(Ready());

        state.Apply(new QueueLengthChanged("general", 3, 2));
        Assert.Equal("Ada · available · 0/3 open · waiting: general 3 (2 left messages while offline)", state.StatusLine());

        state.Apply(new QueueLengthChanged("general", 2, 1));
        Assert.Equal("Ada · available · 0/3 open · waiting: general 2 (1 left a message while offline)", state.StatusLine());

        state.Apply(new QueueLengthChanged("general", 1, 0));
        Assert.Equal("Ada · available · 0/3 open · waiting: general 1", state.StatusLine());
    }

    [Fact]
    public void Customer_StatusLine_ShowsTheOfflineNotice()
    {
        var state = new CustomerScreenState(new ManualClock(), "Nina");
        state.Apply(new CustomerWelcome("u1", "token", "c1", "billing"));

        state.Apply(new QueuePosition("c1", "billing", 1, null) { NoAgentAvailable = true, Offline = true, OpenAt = Monday, OfflineMessage = Notice });

        Assert.Equal(Notice, state.StatusLine());
    }

    [Fact]
    public void Json_QueuedOfflineAndQueueLength_HaveTheDocumentedFields()
    {
        var queued = new QueuePosition("c1", "billing", 1, null) { NoAgentAvailable = true, Offline = true, OpenAt = Monday, OfflineMessage = Notice };

        Assert.Equal(
            """{"type":"queued","position":1,"department":"billing","conversation":"c1","no_agent_available":true,"offline":true,"open_at":"2026-11-30T08:00:00.000Z","message":"We're offline until Monday 09:00 (Europe/Amsterdam); leave a message and we'll answer here."}""",
            JsonLines.Format(JsonEvents.ToJson(queued)!));
        Assert.Equal(
            """{"type":"queue_length","department":"billing","waiting":3,"offline":2}""",
            JsonLines.Format(JsonEvents.ToJson(new QueueLengthChanged("billing", 3, 2))!));
    }
}
