using SupportChat.Client.Text;

namespace SupportChat.Client.Tests.Text;

public sealed class VisibleTextTests
{
    [Fact]
    public void Ordinary_text_is_returned_unchanged()
    {
        const string text = "hello\n\tworld ✓";
        Assert.Same(text, VisibleText.Escape(text));
    }

    [Fact]
    public void Control_and_bidi_characters_become_visible_escapes()
    {
        Assert.Equal("\\x1b[31mred", VisibleText.Escape("\u001b[31mred"));
        Assert.Equal("abc\\u202edef", VisibleText.Escape("abc\u202Edef"));
        Assert.Equal("bell\\x07 del\\x7f c1\\x9b", VisibleText.Escape("bell\u0007 del\u007F c1\u009B"));
    }

    [Fact]
    public void Newlines_can_be_escaped_for_one_line_output()
    {
        Assert.Equal("a\nb", VisibleText.Escape("a\nb"));
        Assert.Equal("a\\x0ab\\x09c", VisibleText.Escape("a\nb\tc", keepNewlines: false));
    }
}
