using SupportChat.Domain.Routing;

namespace SupportChat.Domain.Tests.Routing;

public sealed class RoutingPolicyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static AgentSlot Agent(string id, int open, int capacity = 3, bool available = true, int idleMinutesAgo = 0) =>
        new(id, id, open, capacity, available, T0.AddMinutes(-idleMinutesAgo));

    [Fact]
    public void Fewest_open_conversations_wins()
    {
        var chosen = RoutingPolicy.Choose([Agent("a", 2), Agent("b", 0), Agent("c", 1)]);
        Assert.Equal("b", chosen?.AgentId);
    }

    [Fact]
    public void A_tie_goes_to_the_agent_idle_longest()
    {
        var chosen = RoutingPolicy.Choose([Agent("a", 1, idleMinutesAgo: 5), Agent("b", 1, idleMinutesAgo: 30), Agent("c", 1, idleMinutesAgo: 10)]);
        Assert.Equal("b", chosen?.AgentId);
    }

    [Fact]
    public void A_full_tie_is_broken_by_id_so_the_choice_is_deterministic()
    {
        Assert.Equal("a", RoutingPolicy.Choose([Agent("b", 0), Agent("a", 0)])?.AgentId);
        Assert.Equal("a", RoutingPolicy.Choose([Agent("a", 0), Agent("b", 0)])?.AgentId);
    }

    [Fact]
    public void Away_and_full_agents_are_skipped()
    {
        var chosen = RoutingPolicy.Choose([Agent("away", 0, available: false), Agent("full", 3, capacity: 3), Agent("busy", 2)]);
        Assert.Equal("busy", chosen?.AgentId);
    }

    [Fact]
    public void Nobody_with_room_means_no_choice()
    {
        Assert.Null(RoutingPolicy.Choose([Agent("away", 0, available: false), Agent("full", 1, capacity: 1)]));
        Assert.Null(RoutingPolicy.Choose([]));
    }
}
