using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using SupportChat.Client.Events;
using static SupportChat.Cli.Tests.Screen.ScreenEvents;

namespace SupportChat.Cli.Tests.Screen;

public sealed class CustomerScreenStateTests
{
    private readonly ManualClock _clock = new();
    private readonly CustomerScreenState _state;

    public CustomerScreenStateTests() => _state = new CustomerScreenState(_clock, "Bob");

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
        Assert.StartsWith("Connection lost; reconnecting", _state.StatusLine(), StringComparison.Ordinal);
        _state.Apply(FromCustomer("c1", 1, "Bob", "hello") with { IsOwn = true });
        _state.Apply(FromAgent("c1", 2, "hi \u001b]52;c;ZXZpbA==\u0007", own: false));

        Assert.Equal(2, _state.Transcript.Lines.Count);
        Assert.DoesNotContain('\u001b', _state.Transcript.Format());
    }

    [Fact]
    public void While_reconnecting_the_status_line_says_so_and_afterwards_names_the_agent_again()
    {
        _state.Apply(new CustomerWelcome("u1", "token", "c1", "general"));
        _state.Apply(Assigned("c1", "Bob", "general"));

        _state.Apply(new Reconnecting(4, TimeSpan.FromSeconds(2), "connection refused"));
        Assert.Equal("Connection lost; reconnecting (attempt 4)…", _state.StatusLine());

        // The server welcomes the resumed customer again; the same agent's assignment is not repeated.
        _state.Apply(new Reconnected(new Uri("http://127.0.0.1:5000")));
        _state.Apply(new CustomerWelcome("u1", "token", "c1", "general"));

        Assert.Equal("Connected to Ada.", _state.StatusLine());
        Assert.DoesNotContain("reconnecting", _state.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_shows_at_once_as_not_sent_yet_until_its_acknowledgement_replaces_it()
    {
        _state.Apply(Assigned("c1", "Bob", "general"));
        _state.Apply(new Reconnecting(1, TimeSpan.FromSeconds(1), "connection refused"));
        var first = new SendInput(null, "are you there?");
        var second = new SendInput(null, "hello?");

        _state.Sending(first);
        _state.Sending(second);
        _state.Queued(second, "k2");
        Assert.Equal(["Bob (you, not sent yet): are you there?", "Bob (you, not sent yet): hello?"],
            _state.Shown.Select(l => l.Format()[8..])); // after "[HH:mm] "

        _state.Apply(new Reconnected(new Uri("http://127.0.0.1:5000")));
        // The first acknowledgement overtakes the session's word of its id; the second names its id.
        _state.Apply(FromCustomer("c1", 1, "Bob", "are you there?") with { IsOwn = true, ClientMsgId = "k1" });
        _state.Queued(first, "k1");
        _state.Apply(FromCustomer("c1", 2, "Bob", "hello?") with { IsOwn = true, ClientMsgId = "k2" });

        Assert.Equal(["Bob (you): are you there?", "Bob (you): hello?"], _state.Shown.Select(l => l.Format()[8..]));
        Assert.Empty(_state.Transcript.Pending);
    }

    [Fact]
    public void A_send_refused_for_good_stays_marked_and_its_text_can_go_back_to_the_input_line()
    {
        _state.Apply(Assigned("c1", "Bob", "general"));
        var held = new SendInput(null, "one");
        var refused = new SendInput(null, "two");
        var invalid = new SendInput(null, "three");
        _state.Sending(held);
        _state.Sending(refused);
        _state.Sending(invalid);
        _state.Queued(held, "k1");
        _state.Queued(refused, "k2");

        _state.Apply(new ServerError("Unavailable", "held back", "k1", "c1")); // sent again by the session: still pending
        _state.Apply(new ServerError("PermissionDenied", "not yours", "k2", "c1"));
        _state.SendFailed(invalid, "InvalidArgument", "message text contains a control character");

        Assert.Equal(["one · not sent yet", "two · not sent", "three · not sent"], _state.Shown.Select(l => $"{l.Text} · {l.Note}"));
        Assert.Equal("Not sent (InvalidArgument): message text contains a control character", _state.Notice);
        Assert.Equal("two", _state.Transcript.TakeFailed());
        Assert.Equal(["one", "three"], _state.Shown.Select(l => l.Text));
    }

    [Fact]
    public void Text_typed_but_not_sent_when_the_conversation_ends_stays_in_the_transcript()
    {
        _state.Apply(Assigned("c1", "Bob", "general"));
        _state.Apply(new ConversationEnded("c1", EndedBy.Agent, "agent ended the conversation", 0));

        _state.KeepUnsent("one more question");

        Assert.Equal("Bob (you, not sent): one more question", _state.Shown.Single().Format()[8..]);
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
