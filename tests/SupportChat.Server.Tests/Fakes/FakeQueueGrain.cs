using SupportChat.Grains.Contracts;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>A department queue that records who was put in it.</summary>
internal sealed class FakeQueueGrain : IDepartmentQueueGrain
{
    public CallLog Calls { get; } = new();

    public Task Enqueue(QueueEntry entry)
    {
        Calls.Record($"Enqueue({entry.ConversationId}, {entry.CustomerName})");
        return Task.CompletedTask;
    }

    public Task Cancel(string conversationId) => throw new NotSupportedException();

    public Task UpsertAgent(AgentSlotUpdate update) => throw new NotSupportedException();

    public Task CustomerAway(string conversationId, long version) => throw new NotSupportedException();

    public Task CustomerBack(string conversationId, long version) => throw new NotSupportedException();

    public Task ReportLengthTo(string agentId) => throw new NotSupportedException();

    public Task CheckAgents() => throw new NotSupportedException();

    public Task<QueueStatus> GetStatus() => throw new NotSupportedException();
}
