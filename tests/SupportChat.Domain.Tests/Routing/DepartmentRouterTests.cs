using SupportChat.Domain.Routing;

namespace SupportChat.Domain.Tests.Routing;

public sealed class DepartmentRouterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static AgentSlot Agent(string id, int open, int capacity = 1, bool available = true) =>
        new(id, id, open, capacity, available, T0);

    private static WaitingCustomer Customer(string id, int second) => new(id, "name " + id, T0.AddSeconds(second));

    [Fact]
    public void No_match_without_a_waiting_customer_or_an_agent_with_room()
    {
        var router = new DepartmentRouter("general");
        router.UpsertAgent(Agent("ada", 0));
        Assert.Null(router.NextMatch());

        router.UpsertAgent(Agent("ada", 1));
        router.Enqueue(Customer("c1", 1));
        Assert.Null(router.NextMatch());
    }

    [Fact]
    public void The_head_of_the_queue_goes_to_the_agent_with_room_and_is_committed_once()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.Enqueue(Customer("c2", 2));
        router.UpsertAgent(Agent("ada", 0));

        var (customer, agent) = router.NextMatch()!.Value;
        Assert.Equal(("c1", "ada"), (customer.ConversationId, agent.AgentId));

        router.CommitMatch("c1", Agent("ada", 1), T0.AddSeconds(5));
        Assert.Null(router.NextMatch());
        Assert.Equal(["c2"], router.Queue.Entries.Select(c => c.ConversationId));
    }

    [Fact]
    public void A_rejected_match_moves_routing_on_to_the_next_agent()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.UpsertAgent(Agent("ada", 0));
        router.UpsertAgent(Agent("bob", 0) with { IdleSince = T0.AddMinutes(1) });
        Assert.Equal("ada", router.NextMatch()!.Value.Agent.AgentId);

        // Ada filled up through another department before she could confirm.
        router.RejectMatch(Agent("ada", 1), "ada");
        Assert.Equal("bob", router.NextMatch()!.Value.Agent.AgentId);

        // Bob went offline: he is forgotten.
        router.RejectMatch(null, "bob");
        Assert.Null(router.NextMatch());
        Assert.Single(router.Agents);
    }

    [Fact]
    public void A_customer_away_is_passed_over_and_keeps_its_place_in_everyones_position()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.Enqueue(Customer("c2", 2));
        router.Enqueue(Customer("c3", 3));
        router.UpsertAgent(Agent("ada", 0));
        Assert.Equal([("c1", 1), ("c2", 2), ("c3", 3)], Changes(router));

        Assert.True(router.MarkAway("c1", 1));

        Assert.Empty(Changes(router));
        var (customer, _) = router.NextMatch()!.Value;
        Assert.Equal("c2", customer.ConversationId);
        router.CommitMatch("c2", Agent("ada", 1), T0.AddSeconds(5));
        Assert.Equal([("c3", 2)], Changes(router));
        Assert.Equal(1, router.Queue.PositionOf("c1"));
    }

    [Fact]
    public void A_customer_away_is_never_matched_and_is_matched_first_once_back()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.MarkAway("c1", 1);
        router.UpsertAgent(Agent("ada", 0, capacity: 2));
        Assert.Null(router.NextMatch());

        router.Enqueue(Customer("c2", 2));
        Assert.Equal("c2", router.NextMatch()!.Value.Customer.ConversationId);

        Assert.True(router.MarkBack("c1", 2));
        var (customer, agent) = router.NextMatch()!.Value;
        Assert.Equal(("c1", "ada"), (customer.ConversationId, agent.AgentId));
        Assert.Equal(1, router.Queue.PositionOf("c1"));
    }

    [Fact]
    public void Away_and_back_change_only_a_waiting_customer_and_only_once()
    {
        var router = new DepartmentRouter("general");
        Assert.False(router.MarkAway("unknown", 1));
        router.Enqueue(Customer("c1", 1));
        Assert.False(router.MarkBack("c1", 1));

        Assert.True(router.MarkAway("c1", 2));
        Assert.False(router.MarkAway("c1", 3));
        Assert.True(router.MarkBack("c1", 4));
        Assert.False(router.MarkBack("c1", 5));

        // Leaving the queue forgets the mark and its number: a conversation queued again is matched as any other.
        router.MarkAway("c1", 6);
        router.Cancel("c1");
        router.Enqueue(Customer("c1", 1));
        router.UpsertAgent(Agent("ada", 0));
        Assert.Equal("c1", router.NextMatch()!.Value.Customer.ConversationId);
        Assert.True(router.MarkAway("c1", 1));
    }

    [Fact]
    public void Away_and_back_arriving_out_of_order_leave_the_newest_in_force()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.UpsertAgent(Agent("ada", 0));

        // Numbered as sent (away 5, away 6, back 7, back 8, away 9), received as 5, 7, 6, 9, 8.
        Assert.True(router.MarkAway("c1", 5));
        Assert.True(router.MarkBack("c1", 7));
        Assert.False(router.MarkAway("c1", 6));
        Assert.NotNull(router.NextMatch());

        Assert.True(router.MarkAway("c1", 9));
        Assert.False(router.MarkBack("c1", 8));
        Assert.Null(router.NextMatch());
    }

    [Fact]
    public void Positions_are_reported_only_when_they_change()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.Enqueue(Customer("c2", 2));
        router.Enqueue(Customer("c3", 3));

        Assert.Equal([("c1", 1), ("c2", 2), ("c3", 3)], Changes(router));
        Assert.Empty(Changes(router));

        router.Cancel("c1");
        Assert.Equal([("c2", 1), ("c3", 2)], Changes(router));

        router.EnqueueFront(Customer("back", 0));
        Assert.Equal([("back", 1), ("c2", 2), ("c3", 3)], Changes(router));
    }

    [Fact]
    public void An_away_customer_is_told_no_positions_until_it_is_back_and_then_where_it_is()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.Enqueue(Customer("c2", 2));
        router.Enqueue(Customer("c3", 3));
        Assert.Equal([("c1", 1), ("c2", 2), ("c3", 3)], Changes(router));
        router.MarkAway("c3", 1);

        router.Cancel("c1");
        Assert.Equal([("c2", 1)], Changes(router));

        router.MarkBack("c3", 2);
        Assert.Equal([("c3", 2)], Changes(router));
        Assert.Empty(Changes(router));
    }

    [Fact]
    public void A_committed_customer_that_comes_back_is_told_its_position_again()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        Assert.Equal([("c1", 1)], Changes(router));
        router.UpsertAgent(Agent("ada", 0));
        router.CommitMatch("c1", Agent("ada", 1), T0);

        router.EnqueueFront(Customer("c1", 1));

        Assert.Equal([("c1", 1)], Changes(router));
    }

    [Fact]
    public void The_wait_estimate_appears_once_the_queue_has_moved_twice()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.Enqueue(Customer("c2", 2));
        router.Enqueue(Customer("c3", 3));
        router.UpsertAgent(Agent("ada", 0, capacity: 10));
        Assert.Null(router.EstimateWait(1));

        router.CommitMatch("c1", Agent("ada", 1, capacity: 10), T0);
        router.CommitMatch("c2", Agent("ada", 2, capacity: 10), T0.AddSeconds(40));

        var changes = router.TakePositionChanges();
        Assert.Equal(("c3", 1, TimeSpan.FromSeconds(40)), (changes[0].Customer.ConversationId, changes[0].Position, changes[0].EstimatedWait));
    }

    [Fact]
    public void Without_an_available_agent_there_is_no_estimate_and_everyone_waiting_is_told_so_when_it_changes()
    {
        var router = new DepartmentRouter("general");
        router.Enqueue(Customer("c1", 1));
        router.Enqueue(Customer("c2", 2));
        router.Enqueue(Customer("c3", 3));
        router.UpsertAgent(Agent("ada", 0, capacity: 2));
        router.CommitMatch("c1", Agent("ada", 1, capacity: 2), T0);
        router.CommitMatch("c2", Agent("ada", 2, capacity: 2), T0.AddSeconds(40));
        Assert.Equal(TimeSpan.FromSeconds(40), router.TakePositionChanges().Single().EstimatedWait);

        // Ada signed off: the queue has moved before, but nobody is there to move it now.
        router.RemoveAgent("ada");
        var nobody = router.TakePositionChanges().Single();
        Assert.Equal(("c3", 1), (nobody.Customer.ConversationId, nobody.Position));
        Assert.Null(nobody.EstimatedWait);
        Assert.True(nobody.NobodyAvailable);
        Assert.Empty(router.TakePositionChanges());

        // Back, full but available: the estimate is meaningful again. Away counts as nobody.
        router.UpsertAgent(Agent("ada", 2, capacity: 2));
        var back = router.TakePositionChanges().Single();
        Assert.Equal((TimeSpan.FromSeconds(40), false), (back.EstimatedWait, back.NobodyAvailable));
        router.UpsertAgent(Agent("ada", 2, capacity: 2, available: false));
        var away = router.TakePositionChanges().Single();
        Assert.Equal((null, true), (away.EstimatedWait, away.NobodyAvailable));
    }

    private static List<(string, int)> Changes(DepartmentRouter router) =>
        router.TakePositionChanges().Select(c => (c.Customer.ConversationId, c.Position)).ToList();
}
