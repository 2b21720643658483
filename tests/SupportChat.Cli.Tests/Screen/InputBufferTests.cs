using SupportChat.Cli.Screen.State;

namespace SupportChat.Cli.Tests.Screen;

public sealed class InputBufferTests
{
    [Fact]
    public void A_paste_over_the_limit_keeps_what_fits_and_counts_the_rest()
    {
        var buffer = new InputBuffer(limit: 10);

        Assert.True(buffer.Insert("0123456789abcdef"));

        Assert.Equal(("0123456789", 6, "10/10", 10), (buffer.Text, buffer.LeftOut, buffer.Counter, buffer.Caret));
        Assert.False(buffer.Insert("x")); // typed at the limit: counted, not kept
        Assert.Equal(7, buffer.LeftOut);
    }

    [Fact]
    public void Room_made_again_starts_the_count_afresh()
    {
        var buffer = new InputBuffer(limit: 5);
        buffer.Insert("hello world");

        buffer.Backspace();

        Assert.Equal(("hell", 0), (buffer.Text, buffer.LeftOut));
        buffer.Text = string.Empty;
        Assert.Equal((0, 0, 0), (buffer.Length, buffer.Caret, buffer.LeftOut));
    }

    [Fact]
    public void Line_breaks_become_newlines_and_what_a_message_may_not_hold_is_dropped()
    {
        var buffer = new InputBuffer();

        buffer.Insert("one\r\ntwo\rthree\tfour\u001b[31m\u202Eend");

        Assert.Equal("one\ntwo\nthree\tfour[31mend", buffer.Text);
    }

    [Fact]
    public void A_character_outside_the_basic_plane_is_never_split()
    {
        var buffer = new InputBuffer(limit: 3);

        buffer.Insert("a😀😀");

        Assert.Equal(("a😀", 2), (buffer.Text, buffer.LeftOut));
        buffer.Left();
        Assert.Equal(1, buffer.Caret);
        buffer.Delete();
        Assert.Equal("a", buffer.Text);
    }

    [Fact]
    public void The_caret_moves_by_character_and_word_and_edits_where_it_is()
    {
        var buffer = new InputBuffer();
        buffer.Insert("hello big world");

        buffer.WordLeft();
        buffer.WordLeft();
        Assert.Equal(6, buffer.Caret);
        buffer.Insert("very ");
        buffer.End();
        buffer.Backspace();
        buffer.Home();
        buffer.Delete();
        buffer.WordRight();
        buffer.Right();
        buffer.DeleteToStart();

        Assert.Equal(("very big worl", 0), (buffer.Text, buffer.Caret));
    }
}
