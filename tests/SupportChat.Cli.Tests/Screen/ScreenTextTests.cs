using SupportChat.Cli.Screen.State;

namespace SupportChat.Cli.Tests.Screen;

public sealed class ScreenTextTests
{
    [Fact]
    public void Long_lines_wrap_at_spaces_and_continue_indented()
    {
        var lines = TextWrap.Lines("[09:00] Bob: my order is late and nobody answers the phone", 24).ToList();

        Assert.All(lines, l => Assert.True(l.Length <= 24, l));
        Assert.Equal(["[09:00] Bob: my order is", "  late and nobody", "  answers the phone"], lines);
    }

    [Fact]
    public void A_word_longer_than_the_line_is_broken_and_nothing_is_lost()
    {
        var word = new string('x', 50);
        var lines = TextWrap.Lines(word, 20).ToList();

        Assert.Equal(word, string.Concat(lines.Select(l => l.Trim())));
        Assert.All(lines, l => Assert.True(l.Length <= 20, l));
    }

    [Fact]
    public void The_lines_of_a_multi_line_message_are_indented_under_its_first_and_tabs_show_as_spaces()
    {
        var lines = TextWrap.Lines("[09:00] Bob: first line\nsecond\tcolumn\n\nlast", 40).ToList();

        Assert.Equal(["[09:00] Bob: first line", "  second    column", "", "  last"], lines);
    }

    [Theory]
    [InlineData("5", 5, "")]
    [InlineData(" 4 quick and kind ", 4, "quick and kind")]
    [InlineData("1\tslow", 1, "slow")]
    public void A_rating_is_a_score_and_an_optional_comment(string line, int score, string comment) =>
        Assert.Equal(new RatingAnswer(score, comment), RatingAnswer.Parse(line));

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("6 great")]
    [InlineData("55")]
    [InlineData("great")]
    public void Anything_else_is_not_a_rating(string line) => Assert.Null(RatingAnswer.Parse(line));
}
