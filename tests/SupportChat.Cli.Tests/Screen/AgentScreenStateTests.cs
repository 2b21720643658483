using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using SupportChat.Client.Events;
using static SupportChat.Cli.Tests.Screen.ScreenEvents;

namespace SupportChat.Cli.Tests.Screen;

public sealed class AgentScreenStateTests
{
    private readonly ManualClock _clock = new();
    private readonly AgentScreenState _state;

    public AgentScreenStateTests()
    {
        _state = new AgentScreenState(_clock);
        _state.Apply(Ready());
    }

    [Fact]
    public void The_only_conversation_is_selected_at_once_and_later_ones_are_flagged_new()
    {
        _state.Apply(Assigned("c1", "Bob"));
        _state.Apply(Assigned("c2", "Carol"));

        Assert.Equal("c1", _state.Selected?.Id);
        Assert.Equal(["▶ Bob · general · 0s", "  NEW Carol · general · 0s"], _state.Conversations.Select(_state.ListLine));
        Assert.Equal("Ada · available · 2/3 open", _state.StatusLine());
    }

    [Fact]
    public void A_narrow_list_drops_the_department_then_the_time_then_elides_the_name_but_keeps_the_flags()
    {
        _state.Apply(Assigned("c1", "Bartholomew Fitzgerald"));
        _state.Apply(Assigned("c2", "Maximilian Oppenheimer"));
        _state.Apply(FromCustomer("c2", 1, "Maximilian Oppenheimer", "hello"));
        _state.Apply(new TypingReceived("c2", "Maximilian Oppenheimer", SenderRole.Customer));
        var (bart, max) = (_state.Conversations[0], _state.Conversations[1]);

        Assert.Equal("▶ Bartholomew Fitzgerald · general · 0s", _state.ListEntry(bart, 40));
        Assert.Equal("▶ Bartholomew Fitzgerald · 0s", _state.ListEntry(bart, 30));
        Assert.Equal("▶ Bartholomew Fitzgerald", _state.ListEntry(bart, 24));
        Assert.Equal("▶ Bartholomew Fitzger…", _state.ListEntry(bart, 22));
        Assert.Equal("  NEW (1) Maximilian O… ✎", _state.ListEntry(max, 25));
    }

    [Fact]
    public void At_80_columns_the_bottom_line_keeps_the_status_and_the_help_key()
    {
        _state.Apply(new QueueLengthChanged("general", 1));

        Assert.Equal("Ada · available · 0/3 open · waiting: general 1 │ F2/F3 switch · F1 help", _state.BottomLine(78));
    }

    [Fact]
    public void A_message_the_agent_sends_shows_at_once_in_its_conversation_until_acknowledged()
    {
        _state.Apply(Assigned("c1", "Bob"));
        _state.Apply(Assigned("c2", "Carol"));
        var send = new SendInput("c2", "which card?");

        _state.Sending(send);
        Assert.Equal("Ada (you, not sent yet): which card?", _state.Shown(_state.Conversations[1]).Single().Format()[8..]);
        Assert.Empty(_state.Shown(_state.Conversations[0]));

        _state.Queued(send, "k1");
        _state.Apply(new ServerError("FailedPrecondition", "the conversation has ended", "k1", "c2"));
        Assert.Equal(ScreenTranscript.NotSent, _state.Shown(_state.Conversations[1]).Single().Note);
        Assert.Null(_state.TakeFailed()); // the input line sends to Bob: Carol's failed message stays in her transcript
        _state.Move(1);
        Assert.Equal("which card?", _state.TakeFailed());
    }

    [Fact]
    public void Messages_in_a_conversation_not_shown_count_as_unread_until_it_is_selected()
    {
        _state.Apply(Assigned("c1", "Bob"));
        _state.Apply(Assigned("c2", "Carol"));
        _state.Apply(FromCustomer("c2", 1, "Carol", "hello"));
        _state.Apply(FromCustomer("c2", 2, "Carol", "anyone?"));
        _state.Apply(FromCustomer("c2", 2, "Carol", "anyone?")); // delivered again after a reconnect
        _state.Apply(FromCustomer("c1", 1, "Bob", "hi"));

        Assert.Equal((0, 2), (_state.Conversations[0].Unread, _state.Conversations[1].Unread));
        _state.Move(1);
        Assert.Equal(("c2", 0, false), (_state.Selected!.Id, _state.Selected.Unread, _state.Selected.IsNew));
        Assert.Equal(["hello", "anyone?"], _state.Selected.Transcript.Lines.Select(l => l.Text));
        _state.Move(1);
        Assert.Equal("c1", _state.Selected!.Id); // wraps around
    }

    [Fact]
    public void Own_messages_are_marked_and_never_unread()
    {
        _state.Apply(Assigned("c1", "Bob"));
        _state.Apply(Assigned("c2", "Carol"));
        _state.Apply(FromAgent("c2", 1, "hello Carol", own: true));

        Assert.Equal(0, _state.Conversations[1].Unread);
        Assert.Equal(LineKind.Own, _state.Conversations[1].Transcript.Lines.Single().Kind);
        Assert.EndsWith("Ada (you): hello Carol", _state.Conversations[1].Transcript.Lines.Single().Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_customer_typing_shows_for_a_few_seconds()
    {
        _state.Apply(Assigned("c1", "Bob"));
        _state.Apply(new TypingReceived("c1", "Bob", SenderRole.Customer));

        Assert.Contains("Bob is typing", _state.TargetLine(), StringComparison.Ordinal);
        Assert.EndsWith("✎", _state.ListLine(_state.Conversations[0]), StringComparison.Ordinal);
        _clock.Advance(AgentScreenState.TypingShownFor);
        Assert.DoesNotContain("typing", _state.TargetLine(), StringComparison.Ordinal);
        Assert.Equal("▶ Bob · general · 5s", _state.ListLine(_state.Conversations[0]));
    }

    [Fact]
    public void A_conversation_transferred_away_says_so_not_that_the_agent_ended_it()
    {
        _state.Apply(Assigned("c1", "Carol"));

        _state.Apply(new ConversationEnded("c1", EndedBy.Agent, "transferred to sales", 2));

        Assert.Empty(_state.Conversations);
        Assert.Equal("Carol: you transferred it to sales. (2 messages)", _state.Notice);
    }

    [Fact]
    public void An_ended_conversation_leaves_the_list_and_the_selection_stays_on_a_conversation()
    {
        _state.Apply(Assigned("c1", "Bob"));
        _state.Apply(Assigned("c2", "Carol"));
        _state.Apply(Assigned("c3", "Dave"));
        _state.Move(2);

        _state.Apply(new ConversationEnded("c3", EndedBy.Customer, "customer left", 4));

        Assert.Equal(["c1", "c2"], _state.Conversations.Select(c => c.Id));
        Assert.Equal("c2", _state.Selected?.Id);
        Assert.StartsWith("Dave: the customer ended the conversation", _state.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Control_characters_from_customers_are_shown_escaped()
    {
        _state.Apply(Assigned("c1", "Eve\u001b[2J"));
        _state.Apply(FromCustomer("c1", 1, "Eve", "red \u001b[31malert\u0007"));

        var everything = string.Join('\n', _state.Conversations.Select(_state.ListLine).Append(_state.Selected!.Transcript.Format()));
        Assert.DoesNotContain('\u001b', everything);
        Assert.DoesNotContain('\u0007', everything);
        Assert.Contains("\\x1b", everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_and_reconnects_become_the_notice()
    {
        _state.Apply(Assigned("c1", "Bob"));
        _state.Apply(new ServerError("InvalidArgument", "message text must not be empty.", "x", "c1"));
        Assert.Equal("Bob: InvalidArgument: message text must not be empty.", _state.Notice);

        _state.Apply(new Reconnecting(1, TimeSpan.FromSeconds(1), "server went away"));
        Assert.EndsWith("offline", _state.StatusLine(), StringComparison.Ordinal);
        _state.Apply(new Reconnected(new Uri("http://127.0.0.1:5000")));
        Assert.Equal("Ada · available · 1/3 open", _state.StatusLine());
    }

    [Fact]
    public void The_status_bar_shows_how_many_wait_in_each_department()
    {
        _state.Apply(new QueueLengthChanged("general", 2));
        _state.Apply(new QueueLengthChanged("billing", 0));
        Assert.Equal("Ada · available · 0/3 open · waiting: billing 0, general 2", _state.StatusLine());

        _state.Apply(new QueueLengthChanged("general", 1));
        Assert.Equal("Ada · available · 0/3 open · waiting: billing 0, general 1", _state.StatusLine());

        // The account no longer serves billing: its queue is no longer the agent's business.
        _state.Apply(new AgentReady("ada", "Ada", ["general"], 3, AgentAvailability.Available));
        Assert.Equal("Ada · available · 0/3 open · waiting: general 1", _state.StatusLine());
    }

    [Fact]
    public void A_department_name_with_control_characters_is_shown_escaped()
    {
        _state.Apply(new QueueLengthChanged("bad\u001b[2Jname", 4));

        Assert.DoesNotContain('\u001b', _state.StatusLine());
    }

    [Fact]
    public void A_transfer_is_chosen_among_the_servers_other_departments()
    {
        _state.Apply(new AgentReady("ada", "Ada", ["general"], 3, AgentAvailability.Available) { ServerDepartments = ["general", "billing", "sales"] });
        _state.Apply(Assigned("c1", "Bob"));

        Assert.True(_state.BeginTransfer());
        Assert.Equal(["billing", "sales"], _state.Picking!.Choices);
        _state.NextTransferChoice();
        _state.NextTransferChoice();
        Assert.Equal("billing", _state.Picking!.Choice); // wraps around

        var pick = _state.EndTransfer(confirm: true);
        Assert.Equal(("c1", "billing"), (pick!.ConversationId, pick.Choice));
        Assert.Null(_state.Picking);
    }

    [Fact]
    public void A_transfer_choice_lapses_when_its_conversation_ends()
    {
        _state.Apply(Assigned("c1", "Bob"));
        Assert.True(_state.BeginTransfer());

        _state.Apply(new ConversationEnded("c1", EndedBy.Customer, "bye", 3));

        Assert.Null(_state.Picking);
        Assert.Null(_state.EndTransfer(confirm: true));
        Assert.False(_state.BeginTransfer());
        Assert.Equal("No open conversation to transfer.", _state.Notice);
    }
}
