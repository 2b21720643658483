using SupportChat.Cli.Input;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Tests;

public sealed class JsonCommandParserTests
{
    [Theory]
    [InlineData("""{"type":"send","text":"hi"}""", null)]
    [InlineData("""{"type":"send","text":"hi","conversation":"c1"}""", "c1")]
    public void Send_carries_text_and_optional_conversation(string line, string? conversation) =>
        Assert.Equal(new SendInput(conversation, "hi"), JsonCommandParser.Parse(line, isAgent: true));

    [Fact]
    public void Every_contract_command_parses_for_an_agent()
    {
        Assert.Equal(new EndInput("c1"), JsonCommandParser.Parse("""{"type":"end","conversation":"c1"}""", true));
        Assert.Equal(new TypingInput(null), JsonCommandParser.Parse("""{"type":"typing"}""", true));
        Assert.Equal(new TransferInput("c1", "billing"), JsonCommandParser.Parse("""{"type":"transfer","conversation":"c1","department":"billing"}""", true));
        Assert.Equal(new StatusInput(AgentAvailability.Away, null), JsonCommandParser.Parse("""{"type":"status","status":"away"}""", true));
        Assert.Equal(new StatusInput(AgentAvailability.Available, 5), JsonCommandParser.Parse("""{"type":"status","status":"available","capacity":5}""", true));
    }

    [Fact]
    public void An_empty_text_is_passed_on_for_the_server_to_reject() =>
        Assert.Equal(new SendInput(null, ""), JsonCommandParser.Parse("""{"type":"send","text":""}""", false));

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"text":"no type"}""")]
    [InlineData("""{"type":5}""")]
    [InlineData("""{"type":"dance"}""")]
    [InlineData("""{"type":"send"}""")]
    [InlineData("""{"type":"send","text":7}""")]
    [InlineData("""{"type":"send","text":"x","conversation":3}""")]
    [InlineData("""{"type":"status","status":"asleep"}""")]
    [InlineData("""{"type":"status","status":"available","capacity":0}""")]
    [InlineData("""{"type":"status","status":"available","capacity":"two"}""")]
    [InlineData("""{"type":"transfer","conversation":"c1"}""")]
    public void Malformed_commands_are_invalid_not_fatal(string line) =>
        Assert.IsType<InvalidInput>(JsonCommandParser.Parse(line, isAgent: true));

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"type":"send","text":"hi""")]
    public void A_line_that_is_not_JSON_says_what_a_command_looks_like(string line)
    {
        var invalid = Assert.IsType<InvalidInput>(JsonCommandParser.Parse(line, isAgent: false));

        Assert.Equal(
            """not a JSON object: a command is one JSON object per line, like {"type":"send","text":"hello"}.""",
            invalid.Message);
    }

    [Theory]
    [InlineData("""{"type":"transfer","department":"billing"}""")]
    [InlineData("""{"type":"status","status":"away"}""")]
    public void Agent_commands_are_refused_to_customers(string line)
    {
        var invalid = Assert.IsType<InvalidInput>(JsonCommandParser.Parse(line, isAgent: false));
        Assert.Contains("agents only", invalid.Message);
    }
}
