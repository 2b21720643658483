using SupportChat.Cli.Screen.State;
using SupportChat.Client.Canned;
using SupportChat.Client.Events;
using static SupportChat.Cli.Tests.Screen.ScreenEvents;

namespace SupportChat.Cli.Tests.Screen;

/// <summary>The agent screen's canned replies without a terminal: the list from ready and changes, finding the
/// '/shortcut' before the caret, filtering, and filling in the placeholders.</summary>
public sealed class CannedBookTests
{
    private static readonly CannedReply Hello = new("hello", "Hello {customer}, {agent} here. {customer}?");
    private static readonly CannedReply Refund = new("refund", "Refunds take 5 days.");

    [Theory]
    [InlineData("/hello", 6, 0, "hello")]
    [InlineData("Sure: /hello", 12, 6, "hello")]
    [InlineData("/hello and more", 6, 0, "hello")]
    [InlineData("/", 1, 0, "")]
    public void The_slash_word_before_the_caret_names_the_shortcut(string text, int caret, int start, string shortcut) =>
        Assert.Equal((start, shortcut), CannedBook.ShortcutBefore(text, caret));

    [Theory]
    [InlineData("hello", 5)]
    [InlineData("a/hello", 7)] // not at the start of the word
    [InlineData("/hello ", 7)] // the caret is after a space
    [InlineData("", 0)]
    public void Without_a_slash_word_just_before_the_caret_there_is_no_shortcut(string text, int caret) =>
        Assert.Null(CannedBook.ShortcutBefore(text, caret));

    [Fact]
    public void Matching_puts_shortcut_matches_before_text_matches_and_ignores_case()
    {
        var book = new CannedBook();
        book.Replace([new CannedReply("days", "See you"), Hello, Refund]);

        Assert.Equal([Hello], book.Matching("HEL"));
        Assert.Equal([new CannedReply("days", "See you"), Refund], book.Matching("days"));
        Assert.Equal(3, book.Matching(" ").Count);
    }

    [Fact]
    public void The_state_takes_the_list_from_ready_and_each_change_and_fills_it_in_for_the_selected_conversation()
    {
        var state = new AgentScreenState(new ManualClock());
        state.Apply(Ready() with { CannedReplies = [Hello] });
        Assert.Equal([Hello], state.Canned.Replies);

        Assert.Equal("Hello {customer}, Ada here. {customer}?", state.Expand(Hello).Text); // no conversation yet
        state.Apply(Assigned("c1", "Bob"));
        Assert.Equal("Hello Bob, Ada here. Bob?", state.Expand(Hello).Text);

        state.Apply(new CannedRepliesChanged([Hello, Refund]));
        Assert.Equal(Refund, state.Canned.Find("refund"));
        Assert.Null(state.Canned.Find("Refund"));
        Assert.Contains("2 now", state.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_from_the_list_moves_around_the_matches_and_says_when_none_match()
    {
        var pick = new CannedPick("Sure:", [Hello, Refund], 0);

        Assert.Equal(Refund, pick.Move(1).Choice);
        Assert.Equal(Refund, pick.Move(-1).Choice);
        Assert.Null(pick.Filtered([]).Choice);
        Assert.StartsWith("No canned reply matches", pick.Filtered([]).Text(), StringComparison.Ordinal);
        Assert.Contains("▶ /hello  Hello {customer}", pick.Text(), StringComparison.Ordinal);
    }
}
