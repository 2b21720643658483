using SupportChat.Domain.Routing;

namespace SupportChat.Domain.Tests.Routing;

public sealed class OfflineRoutingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Nine = T0.AddHours(6);

    private static AgentSlot Agent(string id, int open = 0, bool available = true) => new(id, id, open, 5, available, T0);

    private static WaitingCustomer Customer(string id, int second) => new(id, "name " + id, T0.AddSeconds(second));

    [Fact]
    public void Closed_NoMatchEvenWithAnAvailableAgent_AndCustomersAreToldWhenItOpens()
    {
        var router = new DepartmentRouter("billing");
        router.SetHours(open: false, opensAt: Nine);
        router.UpsertAgent(Agent("ada"));
        router.Enqueue(Customer("c1", 1));

        Assert.Null(router.NextMatch());
        var told = router.TakePositionChanges().Single();
        Assert.Equal((true, true, Nine, (TimeSpan?)null), (told.Offline, told.NobodyAvailable, told.OpensAt, told.EstimatedWait));

        router.SetHours(open: true, opensAt: null);
        Assert.Equal("c1", router.NextMatch()!.Value.Customer.ConversationId);
        var open = router.TakePositionChanges().Single();
        Assert.Equal((false, false, (DateTimeOffset?)null), (open.Offline, open.NobodyAvailable, open.OpensAt));
    }

    [Fact]
    public void OpenWithNobodySignedIn_Offline_WithoutAnOpening_AwayAgentIsSignedIn()
    {
        var router = new DepartmentRouter("billing");
        router.Enqueue(Customer("c1", 1));

        var nobody = router.TakePositionChanges().Single();
        Assert.Equal((true, (DateTimeOffset?)null), (nobody.Offline, nobody.OpensAt));

        // An agent who is signed in but away: not offline (someone is there), but nobody available.
        router.UpsertAgent(Agent("ada", available: false));
        var away = router.TakePositionChanges().Single();
        Assert.Equal((false, true), (away.Offline, away.NobodyAvailable));
    }

    [Fact]
    public void OfflineWaiting_CountsThoseWhoWaitedWhileOffline_UntilRouted_OldestFirst()
    {
        var router = new DepartmentRouter("billing");
        router.Enqueue(Customer("early", 1));
        router.Enqueue(Customer("later", 2));
        Assert.Equal(2, router.OfflineWaiting);

        router.UpsertAgent(Agent("ada", available: false));
        router.Enqueue(Customer("live", 3));
        Assert.Equal((3, 2), (router.Queue.Count, router.OfflineWaiting));

        router.UpsertAgent(Agent("ada"));
        var (first, _) = router.NextMatch()!.Value;
        Assert.Equal("early", first.ConversationId);
        router.CommitMatch("early", Agent("ada", open: 1), Nine);
        Assert.Equal((2, 1), (router.Queue.Count, router.OfflineWaiting));
    }
}
