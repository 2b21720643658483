using SupportChat.Cli.Input;
using SupportChat.Cli.Output;
using SupportChat.Cli.Plain;
using SupportChat.Cli.Screen.State;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Tests;

/// <summary>Issue 21: notes and handovers as the three front ends take them, and their --json shapes.</summary>
public sealed class NoteCommandTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 15, 250, TimeSpan.Zero);

    [Fact]
    public void Json_note_and_transfer_commands_parse_to_their_inputs()
    {
        Assert.Equal(new NoteInput("c1", "VIP, be kind"), JsonCommandParser.Parse("""{"type":"note","conversation":"c1","text":"VIP, be kind"}""", isAgent: true));
        Assert.Equal(new HandoverInput("c1", "Bob", "knows billing"),
            JsonCommandParser.Parse("""{"type":"transfer","conversation":"c1","agent":"Bob","note":"knows billing"}""", isAgent: true));
        Assert.Equal(new TransferInput("c1", "sales", "wants more"),
            JsonCommandParser.Parse("""{"type":"transfer","conversation":"c1","department":"sales","note":"wants more"}""", isAgent: true));
        Assert.Equal(new TransferInput("c1", "sales"), JsonCommandParser.Parse("""{"type":"transfer","conversation":"c1","department":"sales"}""", isAgent: true));
    }

    [Fact]
    public void Json_refuses_a_note_from_a_customer_an_empty_note_and_a_transfer_to_both()
    {
        Assert.IsType<InvalidInput>(JsonCommandParser.Parse("""{"type":"note","text":"x"}""", isAgent: false));
        Assert.IsType<InvalidInput>(JsonCommandParser.Parse("""{"type":"note","text":" "}""", isAgent: true));
        Assert.IsType<InvalidInput>(JsonCommandParser.Parse("""{"type":"transfer","department":"sales","agent":"Bob"}""", isAgent: true));
        Assert.IsType<InvalidInput>(JsonCommandParser.Parse("""{"type":"transfer","note":"x"}""", isAgent: true));
    }

    [Fact]
    public void The_plain_view_takes_note_handover_and_transfer_with_a_note()
    {
        var front = new PlainAgentFrontEnd(new LineTerminal());
        front.Show(new ConversationAssigned("c1", "general", "ada", "Ada", "", "u-c1", "Bob", At));
        front.Show(new ConversationAssigned("c2", "general", "ada", "Ada", "", "u-c2", "Cleo", At));

        Assert.Equal(new NoteInput("c1", "refund approved"), front.Parse("/note refund approved")); // the current one
        Assert.Equal(new NoteInput("c2", "second one"), front.Parse("/note #2 second one"));
        Assert.Equal(new HandoverInput("c1", "bob-stone", "knows billing"), front.Parse("/handover #1 bob-stone knows billing"));
        Assert.Equal(new HandoverInput("c2", "bob", string.Empty), front.Parse("/handover #2 bob"));
        Assert.Equal(new TransferInput("c1", "sales", "wants more"), front.Parse("/transfer sales wants more"));
        Assert.IsType<InvalidInput>(front.Parse("/note"));
        Assert.IsType<InvalidInput>(front.Parse("/handover"));
    }

    [Fact]
    public void The_full_screen_input_line_takes_the_same_commands_and_leaves_other_text_a_message()
    {
        Assert.Equal(new NoteInput("c1", "be kind"), AgentSlashCommand.Parse("c1", "/note be kind"));
        Assert.Equal(new HandoverInput("c1", "Bob", "knows  billing"), AgentSlashCommand.Parse("c1", "/handover Bob knows  billing"));
        Assert.Equal(new TransferInput("c1", "billing", "invoice 42"), AgentSlashCommand.Parse("c1", "/transfer billing invoice 42"));
        Assert.Equal(new TransferInput("c1", "billing", string.Empty), AgentSlashCommand.Parse("c1", "/transfer billing"));
        Assert.IsType<InvalidInput>(AgentSlashCommand.Parse("c1", "/note"));
        Assert.Null(AgentSlashCommand.Parse("c1", "/notes are welcome"));
        Assert.Null(AgentSlashCommand.Parse("c1", "hello"));
        Assert.Equal("/note to self", AgentSlashCommand.Unescape("//note to self"));
        Assert.Equal("//other", AgentSlashCommand.Unescape("//other"));
    }

    [Fact]
    public void A_note_and_a_handover_assignment_have_their_json_shapes()
    {
        var note = new NoteReceived("c1", "n1", 1, 3, "ada", "Ada", "VIP", At, "x", IsOwn: true);
        var assigned = new ConversationAssigned("c1", "billing", "bob", "Bob", "", "u1", "Cleo", At) { HandoverNote = "VIP", HandoverFrom = "Ada" };

        Assert.Equal("""{"type":"note","conversation":"c1","after_seq":3,"name":"Ada","text":"VIP","at":"2026-11-24T09:30:15.250Z"}""",
            JsonLines.Format(JsonEvents.ToJson(note)!));
        Assert.Equal("""{"type":"assigned","conversation":"c1","agent":"Bob","customer":"Cleo","department":"billing","handover_note":"VIP","handover_from":"Ada"}""",
            JsonLines.Format(JsonEvents.ToJson(assigned)!));
        Assert.Equal("""{"conversation":"c1","note":true,"after_seq":3,"name":"Ada","text":"VIP","at":"2026-11-24T09:30:15.250Z"}""",
            JsonLines.Format(JsonEvents.Note(note, withType: false)));
    }

    [Fact]
    public void The_screen_shows_a_handover_note_first_and_notes_in_their_place()
    {
        var state = new AgentScreenState(TimeProvider.System);
        state.Apply(new ConversationAssigned("c1", "billing", "bob", "Bob", "", "u1", "Cleo", At) { HandoverNote = "VIP", HandoverFrom = "Ada" });
        state.Apply(new MessageReceived("c1", 1, "m1", SenderRole.Customer, "u1", "Cleo", "hi", At, "a", IsOwn: false));
        state.Apply(new MessageReceived("c1", 2, "m2", SenderRole.Customer, "u1", "Cleo", "still there?", At, "b", IsOwn: false));
        state.Apply(new NoteReceived("c1", "n1", 1, 1, "ada", "Ada", "check the invoice", At, "x", IsOwn: false));

        var lines = state.Shown(state.Selected!).Select(l => (l.Kind, l.Text)).ToList();
        Assert.Equal([(LineKind.Note, "VIP"), (LineKind.Peer, "hi"), (LineKind.Note, "check the invoice"), (LineKind.Peer, "still there?")], lines);
    }
}
