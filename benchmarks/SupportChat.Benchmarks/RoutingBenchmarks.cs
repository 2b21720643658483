using BenchmarkDotNet.Attributes;
using SupportChat.Domain.Routing;

namespace SupportChat.Benchmarks;

/// <summary>The routing decision: with <see cref="Agents"/> agents and a queue of <see cref="Waiting"/> customers, match
/// the head of the queue to the best agent and commit it (what the department queue does per assignment).</summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private DepartmentRouter _router = null!;
    private int _next;

    [Params(10, 100)]
    public int Agents { get; set; }

    [Params(1000)]
    public int Waiting { get; set; }

    [IterationSetup]
    public void SetUp()
    {
        var now = DateTimeOffset.UtcNow;
        _router = new DepartmentRouter("general");
        for (var a = 0; a < Agents; a++)
        {
            _router.UpsertAgent(new AgentSlot($"agent-{a}", $"Agent {a}", a % 3, 1_000_000, true, now.AddSeconds(-a)));
        }

        for (var c = 0; c < Waiting; c++)
        {
            _router.Enqueue(new WaitingCustomer($"c{_next++}", "Customer", now));
        }
    }

    [Benchmark(OperationsPerInvoke = 100, Description = "match + commit")]
    public void MatchAndCommit()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 100; i++)
        {
            var (customer, agent) = _router.NextMatch()!.Value;
            _router.CommitMatch(customer.ConversationId, agent with { OpenConversations = agent.OpenConversations + 1 }, now);
        }
    }
}
