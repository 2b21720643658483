using SupportChat.Grains.Contracts;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>An agent grain that records what its stream asks of it.</summary>
internal sealed class FakeAgentGrain : IAgentGrain
{
    public CallLog Calls { get; } = new();

    /// <summary>The conversations the agent holds, told at sign-in.</summary>
    public List<string> OpenConversations { get; } = [];

    /// <summary>Thrown by the next calls of Reattach, one each (a grain its caller cannot reach yet, say).</summary>
    public Queue<Exception> ReattachFailures { get; } = new();

    /// <summary>The stream of the last sign-in: what the grain would notify.</summary>
    public IChatObserver? Observer { get; private set; }

    public Task<AgentSnapshot> SignIn(AgentProfile profile, IChatObserver observer, IReadOnlyList<string> claimed)
    {
        Calls.Record($"SignIn({profile.AgentId})");
        Observer = observer;
        return Task.FromResult(new AgentSnapshot(profile, true, [.. OpenConversations]));
    }

    public Task<AgentSnapshot?> Reattach(AgentProfile profile, IChatObserver observer, IReadOnlyList<string> claimed, bool available)
    {
        if (ReattachFailures.TryDequeue(out var failure))
        {
            Calls.Record($"Reattach failed({profile.AgentId})");
            return Task.FromException<AgentSnapshot?>(failure);
        }

        Calls.Record($"Reattach({profile.AgentId}, available: {available})");
        return Task.FromResult<AgentSnapshot?>(null);
    }

    public Task SignOff(IChatObserver observer)
    {
        Calls.Record("SignOff");
        return Task.CompletedTask;
    }

    public Task Disconnected(IChatObserver observer)
    {
        Calls.Record("Disconnected");
        return Task.CompletedTask;
    }

    public Task<AgentSnapshot> SetStatus(bool available, int capacity)
    {
        Calls.Record($"SetStatus({available}, {capacity})");
        return Task.FromResult(new AgentSnapshot(new AgentProfile("agent-1", "Ada", string.Empty, ["general"], 3), available, [.. OpenConversations]));
    }

    public Task Restore(string conversationId, string? agentName) => throw new NotSupportedException();

    public Task CheckStream() => throw new NotSupportedException();

    public Task<AgentSnapshot> GetSnapshot() => throw new NotSupportedException();

    public Task<ReserveResult> TryReserve(string conversationId, string department) => throw new NotSupportedException();

    public Task Release(string conversationId) => throw new NotSupportedException();

    public Task<HandoverAnswer> TryTakeHandover(string conversationId) => throw new NotSupportedException();

    public Task NotifyAssigned(AssignmentView assignment) => throw new NotSupportedException();

    public Task NotifyQueueLength(QueueLengthView length) => throw new NotSupportedException();
}
