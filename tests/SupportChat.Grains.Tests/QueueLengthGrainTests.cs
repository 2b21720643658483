using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests;

/// <summary>Agents learn how many customers wait in their departments: at sign-in, then on every change.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QueueLengthGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SignIn_ToAnEmptyDepartment_ReportsZeroWaiting()
    {
        var department = ClusterFixture.Unique("sales");

        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);

        var length = await agent.Events.WaitForAsync<QueueLengthView>(what: "queue length at sign-in");
        Assert.Equal(new QueueLengthView(department, 0), length);
    }

    [Fact]
    public async Task Join_WhileTheAgentIsFull_ReportsTheGrowingQueue()
    {
        var department = ClusterFixture.Unique("sales");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var first = await fixture.JoinAsync("First", department);
        await first.Events.WaitForAsync<AssignmentView>(what: "first assignment");

        await fixture.JoinAsync("Second", department);
        await fixture.JoinAsync("Third", department);

        // Changes within the interval are coalesced: the agent sees the queue as it is at the end of it.
        await agent.Events.WaitForAsync<QueueLengthView>(l => l.Department == department && l.Waiting == 2, "two waiting");
    }

    [Fact]
    public async Task Assignment_FromTheQueue_ReportsItShorter()
    {
        var department = ClusterFixture.Unique("sales");
        var ada = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var first = await fixture.JoinAsync("First", department);
        await first.Events.WaitForAsync<AssignmentView>(what: "first assignment");
        var second = await fixture.JoinAsync("Second", department);
        await second.Events.WaitForAsync<QueuePositionView>(what: "second's queue position");
        await ada.Events.WaitForAsync<QueueLengthView>(l => l.Waiting == 1, "one waiting");

        await first.Grain.End(first.CustomerId, "done");

        await second.Events.WaitForAsync<AssignmentView>(what: "second's assignment");
        await ada.Events.WaitForAsync<QueueLengthView>(l => l.Waiting == 0, "none waiting");
    }

    [Fact]
    public async Task SignIn_WhileCustomersWait_ReportsWhatIsLeftAfterTakingOne()
    {
        var department = ClusterFixture.Unique("sales");
        var first = await fixture.JoinAsync("First", department);
        var second = await fixture.JoinAsync("Second", department);
        await first.Events.WaitForAsync<QueuePositionView>(what: "first's queue position");
        await second.Events.WaitForAsync<QueuePositionView>(what: "second's queue position");

        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);

        await first.Events.WaitForAsync<AssignmentView>(what: "first assignment");
        await agent.Events.WaitForAsync<QueueLengthView>(l => l.Waiting == 1, "one left waiting");
    }

    [Fact]
    public async Task QueueLength_OfAnotherDepartment_IsNotSent()
    {
        var sales = ClusterFixture.Unique("sales");
        var billing = ClusterFixture.Unique("billing");
        var salesAgent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, sales);
        var billingAgent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Bo"), 1, billing);
        var a = await fixture.JoinAsync("A", billing);
        await a.Events.WaitForAsync<AssignmentView>(what: "A's assignment");
        await fixture.JoinAsync("B", billing);

        await billingAgent.Events.WaitForAsync<QueueLengthView>(l => l.Waiting == 1, "billing's queue");
        await salesAgent.Events.WaitForAsync<QueueLengthView>(l => l.Department == sales, "sales' length at sign-in");

        // A barrier instead of a pause: billing's queue answers only after its publishing is done (one call at a time),
        // so anything it sent the sales agent is on its way before the sales queue is asked to report; the sales agent's
        // grain passes both on to its stream in the order it got them.
        await fixture.Client.GetGrain<IDepartmentQueueGrain>(billing).GetStatus();
        await fixture.Client.GetGrain<IDepartmentQueueGrain>(sales).ReportLengthTo(salesAgent.Id);
        await salesAgent.Events.WaitForAsync<QueueLengthView>(l => l.Department == sales, "sales' length after billing's publishing");

        Assert.DoesNotContain(salesAgent.Events.Drain().OfType<QueueLengthView>(), l => l.Department == billing);
    }

    [Fact]
    public async Task A_length_back_at_an_earlier_figure_still_reaches_an_agent_told_another()
    {
        // The queue once published "1 waiting" (to nobody); the agent was told "0" at sign-in. When the queue is
        // back at 1 the agent must hear it, although 1 is what the queue last published.
        var department = ClusterFixture.Unique("sales");
        var first = await fixture.JoinAsync("First", department);
        await first.Events.WaitForAsync<QueuePositionView>(what: "first's queue position");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        await first.Events.WaitForAsync<AssignmentView>(what: "first assignment");
        await agent.Events.WaitForAsync<QueueLengthView>(l => l.Waiting == 0, "none waiting");

        var second = await fixture.JoinAsync("Second", department);
        await second.Events.WaitForAsync<QueuePositionView>(what: "second's queue position");

        await agent.Events.WaitForAsync<QueueLengthView>(l => l.Waiting == 1, "one waiting again");
    }
}
