using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using SupportChat.Cli.Screen.Views;
using SupportChat.Client.Events;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using static SupportChat.Cli.Tests.Screen.ScreenEvents;

namespace SupportChat.Cli.Tests.Screen;

/// <summary>The agent's window on Terminal.Gui's own driver, without a terminal: keys in, commands and screen out.</summary>
public sealed class AgentWindowTests : IDisposable
{
    private readonly IApplication _app;
    private readonly AgentScreenState _state = new(new ManualClock());
    private readonly List<InputCommand> _commands = [];
    private readonly AgentWindow _window;
    private readonly SessionToken _session;

    public AgentWindowTests()
    {
        _app = Application.Create(new Terminal.Gui.Time.VirtualTimeProvider());
        _app.Init(DriverRegistry.Names.ANSI);
        _app.Driver!.SetScreenSize(120, 30);
        _window = new AgentWindow(_state, _commands.Add);
        _session = _app.Begin(_window)!;
        _window.Input.SetFocus();
        Apply(Ready(), Assigned("c1", "Bob"), Assigned("c2", "Carol"), FromCustomer("c1", 1, "Bob", "my order is late"),
            FromCustomer("c2", 1, "Carol", "card declined"));
    }

    public void Dispose()
    {
        _app.End(_session);
        _window.Dispose();
        _app.Dispose();
    }

    [Fact]
    public void The_screen_shows_the_conversations_the_selected_transcript_and_the_status()
    {
        var screen = Screen();

        Assert.Contains("▶ Bob · general", screen, StringComparison.Ordinal);
        Assert.Contains("NEW (1) Carol · general", screen, StringComparison.Ordinal);
        Assert.Contains("Bob: my order is late", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("card declined", screen, StringComparison.Ordinal);
        Assert.Contains("Ada · available · 2/3 open", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void Enter_sends_the_input_line_to_the_selected_conversation_and_F3_moves_on()
    {
        Type("on it");
        _app.InjectKey(Key.F3);
        Type("which card?");
        _app.LayoutAndDraw(true);

        Assert.Equal([new SendInput("c1", "on it"), new SendInput("c2", "which card?")], _commands.OfType<SendInput>());
        Assert.Contains("Carol: card declined", Screen(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _window.Input.Text);
    }

    [Fact]
    public void Function_keys_end_transfer_toggle_status_and_quit()
    {
        _app.InjectKey(Key.F8);
        Type("billing", enter: false);
        _app.InjectKey(Key.F6);
        _app.InjectKey(Key.F5);
        _app.InjectKey(Key.F10);

        Assert.Equal<InputCommand>(
            [new EndInput("c1"), new TransferInput("c1", "billing"), new StatusInput(AgentAvailability.Away, null), new QuitInput()],
            [.. _commands.Where(c => c is not TypingInput)]);
    }

    [Fact]
    public void F6_offers_the_other_departments_and_Enter_transfers_to_the_chosen_one()
    {
        Apply(Ready() with { ServerDepartments = ["billing", "general", "sales"] });

        _app.InjectKey(Key.F6);
        Assert.Contains("Transfer Bob to: [billing] sales · F6 next · Enter transfer · Esc cancel", Screen(), StringComparison.Ordinal);
        _app.InjectKey(Key.F6);
        Assert.Contains("Transfer Bob to: billing [sales]", Screen(), StringComparison.Ordinal);
        _app.InjectKey(Key.Enter);

        Assert.Equal<InputCommand>([new TransferInput("c1", "sales")], [.. _commands.Where(c => c is not TypingInput)]);
        Assert.Contains("To Bob (general)", Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Esc_or_another_conversation_cancels_the_choice()
    {
        _app.InjectKey(Key.F6);
        Assert.Contains("Transfer Bob to: [billing]", Screen(), StringComparison.Ordinal);
        _app.InjectKey(Key.Esc);
        _app.InjectKey(Key.Enter);
        Assert.Contains("Transfer cancelled.", Screen(), StringComparison.Ordinal);

        _app.InjectKey(Key.F6);
        _app.InjectKey(Key.F3);
        _app.InjectKey(Key.Enter);

        Assert.DoesNotContain(_commands, c => c is not TypingInput);
        Assert.Contains("To Carol (general)", Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_smaller_terminal_still_shows_the_input_line_and_the_status()
    {
        _app.Driver!.SetScreenSize(70, 16);
        _app.LayoutAndDraw(true);
        var rows = Screen().Split('\n');

        Assert.Contains(rows, r => r.Contains("│> ", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Ada · available", StringComparison.Ordinal));
        Assert.Contains("Bob: my order is late", Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Page_up_scrolls_back_through_a_long_transcript_and_page_down_returns()
    {
        Apply([.. Enumerable.Range(2, 60).Select(i => (ChatEvent)FromCustomer("c1", i, "Bob", $"line {i}"))]);
        Assert.DoesNotContain("my order is late", Screen(), StringComparison.Ordinal);

        for (var i = 0; i < 5; i++)
        {
            _app.InjectKey(Key.PageUp);
        }

        Assert.Contains("Bob: my order is late", Screen(), StringComparison.Ordinal);
        for (var i = 0; i < 5; i++)
        {
            _app.InjectKey(Key.PageDown);
        }

        Assert.Contains("Bob: line 61", Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_C_signs_off_like_F10_and_Esc_alone_does_nothing()
    {
        _app.InjectKey(Key.Esc);
        Assert.Empty(_commands);

        _app.InjectKey(Key.C.WithCtrl);

        Assert.Equal<InputCommand>([new QuitInput()], _commands);
    }

    [Fact]
    public void Typing_past_the_limit_stops_there_with_a_counter_and_says_how_much_was_left_out()
    {
        Type(new string('x', 4100), enter: false);
        _window.Refresh();

        var screen = Screen();
        Assert.Equal(4000, _window.Input.Text.Length);
        Assert.Contains("4000/4000", screen, StringComparison.Ordinal);
        Assert.Contains("the 100 characters after that were left out", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_shows_at_once_and_one_that_fails_comes_back_to_the_empty_input_line()
    {
        Type("my colleague will call you");
        var send = Assert.IsType<SendInput>(Assert.Single(_commands, c => c is SendInput));
        Assert.Contains("Ada (you, not sent yet): my colleague will call you", Screen(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _window.Input.Text);

        _state.SendFailed(send, "Unavailable", "the session is closed.");
        _window.Refresh();

        Assert.Equal("my colleague will call you", _window.Input.Text);
        Assert.DoesNotContain("not sent", Screen(), StringComparison.Ordinal);
        Assert.Contains("Not sent (Unavailable): the session is closed.", Screen(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_stays_through_the_once_a_second_redraw_until_the_conversation_changes()
    {
        _app.InjectKey(Key.F1);
        Assert.Contains("previous / next conversation", Screen(), StringComparison.Ordinal);

        _window.Refresh(); // what the screen's one-second timer does
        Assert.Contains("previous / next conversation", Screen(), StringComparison.Ordinal);

        Apply(FromCustomer("c1", 2, "Bob", "still there?"));
        Assert.Contains("Bob: still there?", Screen(), StringComparison.Ordinal);
        Assert.DoesNotContain("previous / next conversation", Screen(), StringComparison.Ordinal);
    }

    private void Apply(params ChatEvent[] events)
    {
        foreach (var e in events)
        {
            _state.Apply(e);
        }

        _window.Refresh();
        _app.LayoutAndDraw(true);
    }

    private void Type(string text, bool enter = true)
    {
        foreach (var c in text)
        {
            _app.InjectKey(new Key(c));
        }

        if (enter)
        {
            _app.InjectKey(Key.Enter);
        }
    }

    private string Screen()
    {
        _app.LayoutAndDraw(true);
        return _app.Driver!.ToString() ?? string.Empty;
    }
}
