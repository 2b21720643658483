using SupportChat.Protocol.Rules;

namespace SupportChat.Protocol.Tests;

public sealed class CommandRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t ")]
    public void Empty_or_whitespace_text_is_refused(string? text) =>
        Assert.Throws<InvalidCommandException>(() => CommandRules.Text(text));

    [Fact]
    public void Text_up_to_the_limit_is_kept_exactly_and_one_more_character_is_refused()
    {
        var longest = new string('a', ChatLimits.MaxTextLength);
        Assert.Same(longest, CommandRules.Text(longest));
        var error = Assert.Throws<InvalidCommandException>(() => CommandRules.Text(longest + "a"));
        Assert.Contains("4001", error.Message);
    }

    [Fact]
    public void Text_keeps_newlines_tabs_and_unicode_but_refuses_terminal_escapes_and_bidi_overrides()
    {
        Assert.Equal("line one\n\tline two ✓ 日本語 🎉", CommandRules.Text("line one\n\tline two ✓ 日本語 🎉"));
        Assert.Contains("U+001B", Assert.Throws<InvalidCommandException>(() => CommandRules.Text("red \u001b[31m")).Message);
        Assert.Contains("U+202E", Assert.Throws<InvalidCommandException>(() => CommandRules.Text("abc\u202Edef")).Message);
        Assert.Throws<InvalidCommandException>(() => CommandRules.Text("carriage\rreturn"));
    }

    [Fact]
    public void Names_are_trimmed_and_limited_to_a_hundred_characters_on_one_line()
    {
        Assert.Equal("Ada Lovelace", CommandRules.Name("  Ada Lovelace "));
        Assert.Equal(new string('n', 100), CommandRules.Name(new string('n', 100)));
        Assert.Throws<InvalidCommandException>(() => CommandRules.Name(new string('n', 101)));
        Assert.Throws<InvalidCommandException>(() => CommandRules.Name(" "));
        Assert.Throws<InvalidCommandException>(() => CommandRules.Name(null));
        Assert.Throws<InvalidCommandException>(() => CommandRules.Name("Ada\nLovelace"));
        Assert.Contains("title", Assert.Throws<InvalidCommandException>(() => CommandRules.Name("", "title")).Message);
    }

    [Theory]
    [InlineData("0192f7a4-6c1e-7a3b-9c2d-0123456789ab")]
    [InlineData("retry:1.a_b")]
    public void Client_message_ids_accept_uuids_and_simple_tokens(string id) => Assert.Equal(id, CommandRules.ClientMsgId(id));

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("ünicode")]
    public void Client_message_ids_refuse_empty_and_odd_characters(string id) =>
        Assert.Throws<InvalidCommandException>(() => CommandRules.ClientMsgId(id));

    [Fact]
    public void Client_message_ids_are_at_most_64_characters()
    {
        Assert.Equal(64, CommandRules.ClientMsgId(new string('k', 64)).Length);
        Assert.Throws<InvalidCommandException>(() => CommandRules.ClientMsgId(new string('k', 65)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void Capacity_is_between_one_and_a_hundred(int capacity, bool valid)
    {
        if (valid)
        {
            Assert.Equal(capacity, CommandRules.Capacity(capacity));
        }
        else
        {
            Assert.Throws<InvalidCommandException>(() => CommandRules.Capacity(capacity));
        }
    }

    [Theory]
    [InlineData("c0123456789a", true)]
    [InlineData("conversation-1_b", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    [InlineData("\u000b", false)]
    [InlineData("c\u001b[2J", false)]
    [InlineData("c/../x", false)]
    public void Conversation_ids_are_short_ascii_words(string id, bool wellFormed) =>
        Assert.Equal(wellFormed, CommandRules.IsConversationId(id));

    [Fact]
    public void Conversation_ids_are_at_most_64_characters()
    {
        Assert.True(CommandRules.IsConversationId(new string('c', 64)));
        Assert.False(CommandRules.IsConversationId(new string('c', 65)));
    }

    [Fact]
    public void Cursors_must_be_well_formed_non_negative_and_few()
    {
        CommandRules.Cursors(new Dictionary<string, long> { ["c1"] = 0, ["c2"] = 7 });
        Assert.Throws<InvalidCommandException>(() => CommandRules.Cursors(new Dictionary<string, long> { [" "] = 0 }));
        Assert.Throws<InvalidCommandException>(() => CommandRules.Cursors(new Dictionary<string, long> { ["c1"] = -1 }));
        var many = Enumerable.Range(0, ChatLimits.MaxCursors + 1).ToDictionary(i => $"c{i}", _ => 0L);
        Assert.Equal("hello names 101 conversations; the limit is 100.", Assert.Throws<InvalidCommandException>(() => CommandRules.Cursors(many)).Message);
        CommandRules.Cursors(many.Take(ChatLimits.MaxCapacity).ToDictionary());
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void Availability_is_available_or_away(int status, bool available) =>
        Assert.Equal(available, CommandRules.Availability((V1.AgentStatus)status));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(99)]
    [InlineData(-5)]
    public void Availability_refuses_unspecified_and_unknown_values(int status) =>
        Assert.Equal("status must be available or away.",
            Assert.Throws<InvalidCommandException>(() => CommandRules.Availability((V1.AgentStatus)status)).Message);

    [Theory]
    [InlineData("")]
    [InlineData("bob@example.com")]
    [InlineData("b.o+b@mail.example.co.uk")]
    public void An_email_may_be_empty_or_one_at_with_no_spaces(string email) => Assert.Equal(email, CommandRules.Email(email));

    [Theory]
    [InlineData("bob")]
    [InlineData("bob@@example.com")]
    [InlineData("bob@x@example.com")]
    [InlineData("@example.com")]
    [InlineData("bob@")]
    [InlineData("bob smith@example.com")]
    [InlineData("bob@example.com\n")]
    [InlineData("bob\u202E@example.com")]
    public void An_email_breaking_the_rules_is_refused(string email) => Assert.Throws<InvalidCommandException>(() => CommandRules.Email(email));

    [Fact]
    public void An_email_may_be_254_characters_and_no_more()
    {
        var longest = new string('a', 254 - "@example.com".Length) + "@example.com";
        Assert.Equal(longest, CommandRules.Email(longest));
        Assert.Throws<InvalidCommandException>(() => CommandRules.Email("a" + longest));
    }
}
