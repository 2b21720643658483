using SupportChat.Cli.Screen.State;
using SupportChat.Client.Events;
using static SupportChat.Cli.Tests.Screen.ScreenEvents;

namespace SupportChat.Cli.Tests.Screen;

public sealed class CustomerScreenStateTests
{
    private readonly ManualClock _clock = new();
    private readonly CustomerScreenState _state;

    public CustomerScreenStateTests() => _state = new CustomerScreenState(_clock);

    [Fact]
    public void The_status_line_follows_the_conversation_from_the_queue_to_its_end()
    {
        _state.Apply(new CustomerWelcome("u1", "token", "c1", "billing"));
        Assert.Equal("Asking billing for help…", _state.StatusLine());

        _state.Apply(new QueuePosition("c1", "billing", 3, TimeSpan.FromMinutes(4)));
        Assert.Equal("Waiting: you are number 3 in line for billing (about 4 minutes).", _state.StatusLine());

        _state.Apply(Assigned("c1", "Bob", "billing") with { AgentTitle = "Support Engineer" });
        Assert.Equal("Connected to Ada, Support Engineer.", _state.StatusLine());

        _state.Apply(new TypingReceived("c1", "Ada", SenderRole.Agent));
        Assert.Equal("Connected to Ada, Support Engineer. Ada is typing…", _state.StatusLine());
        _state.Apply(FromAgent("c1", 1, "hello Bob", own: false));
        Assert.Equal("Connected to Ada, Support Engineer.", _state.StatusLine());

        _state.Apply(new ConversationEnded("c1", EndedBy.Agent, "agent ended the conversation", 1));
        Assert.True(_state.Ended);
        Assert.Equal("Ada ended the conversation.", _state.StatusLine());
    }

    [Fact]
    public void Reconnecting_is_said_and_messages_are_kept_once_each()
    {
        _state.Apply(FromCustomer("c1", 1, "Bob", "hello") with { IsOwn = true });
        _state.Apply(new Reconnecting(1, TimeSpan.FromSeconds(1), "broken pipe"));
        Assert.StartsWith("Connection lost; reconnecting", _state.Notice, StringComparison.Ordinal);
        _state.Apply(FromCustomer("c1", 1, "Bob", "hello") with { IsOwn = true });
        _state.Apply(FromAgent("c1", 2, "hi \u001b]52;c;ZXZpbA==\u0007", own: false));

        Assert.Equal(2, _state.Transcript.Lines.Count);
        Assert.DoesNotContain('\u001b', _state.Transcript.Format());
    }

    [Fact]
    public void A_session_closed_by_a_newer_copy_says_why_when_the_screen_is_gone()
    {
        _state.Apply(new CustomerWelcome("u1", "token", "c1", "general"));
        _state.Apply(Assigned("c1", "Bob", "general"));
        Assert.Null(_state.Closing);

        _state.Apply(new StreamClosed("Aborted", "replaced by a newer connection"));

        Assert.Equal("Connected to Ada. Disconnected: replaced by a newer connection", _state.Closing);
    }
}
