using SupportChat.Cli.Screen.State;
using SupportChat.Cli.Screen.Views;

namespace SupportChat.Cli.Tests.Screen;

public sealed class LineFitTests
{
    [Theory]
    [InlineData(200, "Enter send · F2/F3 previous/next · F5 available/away · F6 transfer · F8 end · F1 help · F10 quit")]
    [InlineData(79, "Enter send · F2/F3 switch · F5 away · F6 transfer · F8 end · F1 help · F10 quit")]
    [InlineData(73, "F2/F3 switch · F5 away · F6 transfer · F8 end · F1 help · F10 quit")]
    [InlineData(60, "F2/F3 switch · F6 transfer · F8 end · F1 help · F10 quit")]
    [InlineData(28, "F2/F3 switch · F1 help")]
    [InlineData(10, "F1 help")]
    [InlineData(5, "F1 h…")]
    public void Agent_key_hints_drop_the_least_needed_first_and_keep_help(int width, string expected)
    {
        var hints = LineFit.Hints(AgentScreenState.Keys, width);

        Assert.Equal(expected, hints);
        Assert.True(TextWrap.Width(hints) <= width);
    }

    [Fact]
    public void Customer_key_hints_fit_an_80_column_terminal_whole() =>
        Assert.Equal("Enter send · F8 end the conversation · F1 help · F10 quit", LineFit.Hints(CustomerWindow.Keys, 78));

    [Theory]
    [InlineData("Bartholomew Fitzgerald", 30, "Bartholomew Fitzgerald")]
    [InlineData("Bartholomew Fitzgerald", 14, "Bartholomew F…")]
    [InlineData("Bob · general", 7, "Bob…")]
    [InlineData("北京市朝阳区", 7, "北京市…")]
    public void Elide_cuts_with_an_ellipsis_within_the_width(string text, int width, string expected) =>
        Assert.Equal(expected, LineFit.Elide(text, width));
}
