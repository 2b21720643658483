using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class RoutingGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Join_WithFreeAgent_AssignsAtOnceToBothSides()
    {
        var department = ClusterFixture.Unique("sales");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);

        var customer = await fixture.JoinAsync("Bob", department);

        var toCustomer = await customer.Events.WaitForAsync<AssignmentView>(what: "customer's assignment");
        var toAgent = await agent.Events.WaitForAsync<AssignmentView>(what: "agent's assignment");
        Assert.Equal(agent.Id, toCustomer.AgentId);
        Assert.Equal(customer.ConversationId, toAgent.ConversationId);
        Assert.Equal("Bob", toAgent.CustomerName);
    }

    [Fact]
    public async Task Join_WhenAgentFull_QueuesThenAssignsWhenConversationEnds()
    {
        var department = ClusterFixture.Unique("sales");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var first = await fixture.JoinAsync("First", department);
        await first.Events.WaitForAsync<AssignmentView>(what: "first assignment");

        var second = await fixture.JoinAsync("Second", department);
        var queued = await second.Events.WaitForAsync<QueuePositionView>(what: "second's queue position");
        Assert.Equal(1, queued.Position);

        await first.Grain.End(first.CustomerId, "done");

        var assigned = await second.Events.WaitForAsync<AssignmentView>(what: "second's assignment");
        Assert.Equal(agent.Id, assigned.AgentId);
    }

    [Fact]
    public async Task Join_AgentInTwoDepartments_SharesOneCapacity()
    {
        var sales = ClusterFixture.Unique("sales");
        var billing = ClusterFixture.Unique("billing");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, sales, billing);

        var a = await fixture.JoinAsync("A", sales);
        var b = await fixture.JoinAsync("B", billing);

        await a.Events.WaitForAsync<AssignmentView>(what: "A's assignment");
        await b.Events.WaitForAsync<QueuePositionView>(what: "B's queue position");
        var status = await fixture.Client.GetGrain<IDepartmentQueueGrain>(billing).GetStatus();
        Assert.Equal(1, status.Waiting);
        var snapshot = await agent.Grain.GetSnapshot();
        Assert.Single(snapshot.OpenConversations);
    }

    [Fact]
    public async Task Join_FewestOpenWins_SpreadsCustomersOverAgents()
    {
        var department = ClusterFixture.Unique("sales");
        var ada = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 3, department);
        var grace = await fixture.SignInAgentAsync(ClusterFixture.Unique("Grace"), 3, department);

        var customers = new List<AssignmentView>();
        for (var i = 0; i < 4; i++)
        {
            var customer = await fixture.JoinAsync($"C{i}", department);
            customers.Add(await customer.Events.WaitForAsync<AssignmentView>(what: $"C{i}'s assignment"));
        }

        Assert.Equal(2, customers.Count(c => c.AgentId == ada.Id));
        Assert.Equal(2, customers.Count(c => c.AgentId == grace.Id));
    }

    [Fact]
    public async Task SetStatus_RaisingCapacity_AssignsTheHeadOfTheQueue()
    {
        var department = ClusterFixture.Unique("sales");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var first = await fixture.JoinAsync("First", department);
        await first.Events.WaitForAsync<AssignmentView>(what: "first assignment");
        var second = await fixture.JoinAsync("Second", department);
        await second.Events.WaitForAsync<QueuePositionView>(what: "second's queue position");

        await agent.Grain.SetStatus(available: true, capacity: 2);

        await second.Events.WaitForAsync<AssignmentView>(what: "second's assignment after capacity rose");
    }

    [Fact]
    public async Task SetStatus_Away_StopsNewAssignments()
    {
        var department = ClusterFixture.Unique("sales");
        var agent = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 2, department);
        await agent.Grain.SetStatus(available: false, capacity: 0);

        var customer = await fixture.JoinAsync("Waiting", department);
        await customer.Events.WaitForAsync<QueuePositionView>(what: "queue position while the agent is away");

        await agent.Grain.SetStatus(available: true, capacity: 0);
        await customer.Events.WaitForAsync<AssignmentView>(what: "assignment once available");
    }
}
