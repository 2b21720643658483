using SupportChat.Cli.Input;
using SupportChat.Cli.Plain;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Tests;

public sealed class PlainAgentParserTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static PlainAgentFrontEnd WithConversations(params string[] ids)
    {
        var front = new PlainAgentFrontEnd(new LineTerminal());
        foreach (var id in ids)
        {
            front.Show(new ConversationAssigned(id, "general", "ada", "Ada", "", "u-" + id, "Customer " + id, At));
        }

        return front;
    }

    [Fact]
    public void Text_goes_to_the_only_conversation() =>
        Assert.Equal(new SendInput("c1", "hello"), WithConversations("c1").Parse("hello"));

    [Fact]
    public void A_handle_addresses_a_conversation_and_makes_it_current()
    {
        var front = WithConversations("c1", "c2");

        Assert.Equal(new SendInput("c2", "for two"), front.Parse("#2 for two"));
        Assert.Equal(new SendInput("c2", "again"), front.Parse("again"));
        Assert.IsType<NoInput>(front.Parse("#1"));
        Assert.Equal(new SendInput("c1", "back"), front.Parse("back"));
    }

    [Fact]
    public void Leaving_works_both_ways()
    {
        Assert.IsType<QuitInput>(WithConversations().Parse("/quit"));
        Assert.IsType<QuitInput>(WithConversations().Parse("qw!"));
    }

    [Fact]
    public void End_and_transfer_take_an_optional_handle()
    {
        var front = WithConversations("c1", "c2");

        Assert.Equal(new EndInput("c1"), front.Parse("/end"));
        Assert.Equal(new EndInput("c2"), front.Parse("/end #2"));
        Assert.Equal(new TransferInput("c2", "billing"), front.Parse("/transfer #2 billing"));
        Assert.Equal(new TransferInput("c1", "billing"), front.Parse("/transfer billing"));
    }

    [Fact]
    public void Status_and_capacity_commands()
    {
        var front = WithConversations();

        Assert.Equal(new StatusInput(AgentAvailability.Away, null), front.Parse("/away"));
        Assert.Equal(new StatusInput(AgentAvailability.Available, null), front.Parse("/available"));
        Assert.Equal(new StatusInput(AgentAvailability.Available, 4), front.Parse("/capacity 4"));
        Assert.IsType<InvalidInput>(front.Parse("/capacity 0"));
        Assert.IsType<InvalidInput>(front.Parse("/capacity lots"));
    }

    [Fact]
    public void Mistakes_are_reported_locally()
    {
        var front = WithConversations("c1");
        front.Show(new ConversationEnded("c1", EndedBy.Customer, "", 0));

        Assert.Contains("ended", Assert.IsType<InvalidInput>(front.Parse("#1 hello?")).Message);
        Assert.Contains("no conversation #9", Assert.IsType<InvalidInput>(front.Parse("#9 hi")).Message);
        Assert.Contains("no open conversation", Assert.IsType<InvalidInput>(front.Parse("anyone?")).Message);
        Assert.Contains("unknown command", Assert.IsType<InvalidInput>(front.Parse("/dance")).Message);
    }

    [Fact]
    public void A_double_slash_sends_text_that_starts_with_a_slash() =>
        Assert.Equal(new SendInput("c1", "/etc/hosts is broken"), WithConversations("c1").Parse("//etc/hosts is broken"));

    [Fact]
    public void Reply_sends_a_canned_reply_filled_in_for_the_conversation_and_refuses_an_unknown_one()
    {
        var front = WithConversations("c1", "c2");
        front.Show(new AgentReady("ada", "Ada", ["general"], 3, AgentAvailability.Available)
        {
            CannedReplies = [new SupportChat.Client.Canned.CannedReply("hello", "Hi {customer}, {agent} here.")],
        });

        Assert.Equal(new SendInput("c1", "Hi Customer c1, Ada here."), front.Parse("/reply hello")); // the current one
        Assert.Equal(new SendInput("c2", "Hi Customer c2, Ada here."), front.Parse("/reply #2 hello"));
        Assert.IsType<InvalidInput>(front.Parse("/reply nope"));
        Assert.IsType<InvalidInput>(front.Parse("/reply"));

        front.Show(new CannedRepliesChanged([new SupportChat.Client.Canned.CannedReply("nope", "Now there is one")]));
        Assert.Equal(new SendInput("c1", "Now there is one"), front.Parse("/reply nope"));
    }
}
