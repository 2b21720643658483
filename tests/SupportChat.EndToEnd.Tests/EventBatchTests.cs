using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>EventBatch on the wire: only for a client that asked, never nested or empty, events in their usual order.</summary>
public sealed class EventBatchTests : IAsyncLifetime
{
    private const int Backlog = 10;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(null, "general", "billing");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Agent_that_takes_batches_gets_a_waiting_customers_backlog_in_one_frame_in_order()
    {
        using var channel = Wire.Channel(_server);
        await using var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Bob Smith", "billing"));
        await customer.WaitForAsync(Kind.Welcome, "welcome");
        for (var i = 1; i <= Backlog; i++)
        {
            await customer.SendAsync(Wire.CustomerSend($"while waiting {i}"));
            await customer.WaitForAsync(e => e.Ack?.Seq == i, $"ack {i}");
        }

        await using var agent = RawParticipant<AgentCommand>.Agent(channel);
        var hello = Wire.AgentHello("Ada Lovelace", 1, "billing");
        hello.Hello.BatchEvents = true;
        await agent.SendAsync(hello);

        // Assigned and the backlog are written in one go, so they travel in one frame.
        var frame = await agent.WaitForAsync(e => Events(e).Any(x => x.Message?.Seq == Backlog), "the last message of the backlog");
        Assert.Equal(Kind.Batch, frame.EventCase);
        var events = frame.Batch.Events;
        Assert.InRange(events.Count, Backlog + 1, 64);
        Assert.DoesNotContain(events, e => e.EventCase == Kind.Batch);
        var assignedAt = events.ToList().FindIndex(e => e.EventCase == Kind.Assigned);
        Assert.True(assignedAt >= 0, "the assignment travels with the backlog");
        var seqs = events.Skip(assignedAt + 1).Where(e => e.EventCase == Kind.Message).Select(e => e.Message.Seq);
        Assert.Equal(Enumerable.Range(1, Backlog).Select(i => (long)i), seqs);

        // The customer did not ask: its stream carried only plain events.
        await agent.SendAsync(Wire.AgentSend("Hello Bob"));
        await customer.WaitForAsync(e => e.Message?.Text == "Hello Bob", "the agent's reply");
        AssertNoBatches(customer.All);
    }

    [Fact]
    public async Task Client_that_does_not_say_batch_events_never_gets_a_batch()
    {
        await using var pair = await ChatPair.StartAsync(_server);

        // A burst of sends: acks and replies pile up, which a batching client would get packed.
        for (var i = 1; i <= 3 * Backlog; i++)
        {
            await pair.Customer.SendAsync(Wire.CustomerSend($"burst {i}"));
        }

        await pair.Customer.WaitForAsync(e => e.Ack?.Seq == 3 * Backlog, "the last ack");
        await pair.Agent.WaitForAsync(e => e.Message?.Seq == 3 * Backlog, "the last message");
        AssertNoBatches(pair.Customer.All);
        AssertNoBatches(pair.Agent.All);
    }

    private static IEnumerable<ServerEvent> Events(ServerEvent frame) =>
        frame.EventCase == Kind.Batch ? frame.Batch.Events : [frame];

    private static void AssertNoBatches(List<ServerEvent> frames)
    {
        lock (frames)
        {
            Assert.DoesNotContain(frames, e => e.EventCase == Kind.Batch);
        }
    }
}
