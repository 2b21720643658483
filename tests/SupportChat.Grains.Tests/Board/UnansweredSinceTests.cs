using SupportChat.Domain.Messages;
using SupportChat.Grains.Board;

namespace SupportChat.Grains.Tests.Board;

public sealed class UnansweredSinceTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void It_is_the_first_customer_message_after_the_agents_last_one_and_notices_do_not_count()
    {
        var messages = Log(SenderRole.Customer, SenderRole.Agent, SenderRole.Customer, SenderRole.System, SenderRole.Customer);

        Assert.Equal(Nine.AddMinutes(3), UnansweredSince.Of(messages));
    }

    [Fact]
    public void It_is_null_when_the_agent_wrote_last_or_nobody_wrote()
    {
        Assert.Null(UnansweredSince.Of(Log(SenderRole.Customer, SenderRole.Agent, SenderRole.System)));
        Assert.Null(UnansweredSince.Of([]));
    }

    private static List<StoredMessage> Log(params SenderRole[] roles) => [.. roles.Select((role, i) =>
        new StoredMessage("c1", i + 1, $"m{i}", role, role.ToString(), role.ToString(), "text", $"k{i}", Nine.AddMinutes(i + 1)))];
}
