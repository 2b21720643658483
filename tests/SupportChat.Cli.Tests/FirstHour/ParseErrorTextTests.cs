using SupportChat.Cli.Commands;

namespace SupportChat.Cli.Tests.FirstHour;

/// <summary>A value that is not a number, given to a number option, is one line in words, never a .NET type name nor an
/// unhandled exception out of a validator.</summary>
public sealed class ParseErrorTextTests
{
    [Theory]
    [InlineData("--capacity takes a whole number, not 'abc' (see 'supportchat agent --help').", "agent", "--name", "Ada", "--capacity", "abc")]
    [InlineData("--capacity takes a whole number, not 'x' (see 'supportchat agents add --help').", "agents", "add", "--name", "Ada", "--capacity", "x")]
    [InlineData("--pairs takes a whole number, not 'x' (see 'supportchat bench --help').", "bench", "--pairs", "x")]
    [InlineData("--rate takes a number, not 'fast' (see 'supportchat bench join --help').", "bench", "join", "--rate", "fast")]
    [InlineData("--limit takes a whole number, not 'all' (see 'supportchat history --help').", "history", "--limit", "all")]
    [InlineData("--agent-grace takes a number, not '30s' (see 'supportchat serve --help').", "serve", "--agent-grace", "30s")]
    public void A_number_option_given_something_else_is_reported_in_one_line(string expected, params string[] args)
    {
        var parsed = CliApp.CreateRoot().Parse(args);

        Assert.Equal("supportchat: " + expected, Assert.Single(ParseErrorText.Describe(parsed)));
    }

    [Theory]
    [InlineData("supportchat: Unrecognized command or argument 'frobnicate' (see 'supportchat --help').", "frobnicate")]
    [InlineData("supportchat: Unrecognized command or argument 'frob' (see 'supportchat admin --help').", "admin", "frob")]
    public void A_mistyped_command_is_one_line_naming_it_not_also_a_missing_command(string expected, params string[] args)
    {
        var parsed = CliApp.CreateRoot().Parse(args);

        Assert.Equal(expected, Assert.Single(ParseErrorText.Describe(parsed)));
    }

    [Fact]
    public void A_value_outside_an_options_list_is_reported_in_one_line_naming_the_option()
    {
        var parsed = CliApp.CreateRoot().Parse(["serve", "--durability", "fast"]);

        Assert.Equal(
            "supportchat: --durability: Argument 'fast' not recognized. Must be one of: 'full' 'normal' (see 'supportchat serve --help').",
            Assert.Single(ParseErrorText.Describe(parsed)));
    }

    [Fact]
    public void A_validators_own_message_is_kept()
    {
        var parsed = CliApp.CreateRoot().Parse(["bench", "--pairs", "0"]);

        Assert.Equal("supportchat: --pairs must be at least 1 (see 'supportchat bench --help').", Assert.Single(ParseErrorText.Describe(parsed)));
    }
}
