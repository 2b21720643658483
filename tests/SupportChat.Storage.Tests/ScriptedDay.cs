using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Storage.Tests;

/// <summary>
/// Writes conversations into a store the way the conversation grain does (a saved row with its events in one
/// write, messages appended with gapless seqs, a rating), at times the test chooses, so a report over them can be
/// checked against a count by hand.
/// </summary>
internal sealed class ScriptedDay(IChatStore store)
{
    private readonly Dictionary<string, (ConversationRecord Record, long Seq)> _conversations = [];

    public async Task JoinAsync(string id, string department, DateTimeOffset at)
    {
        var record = new ConversationRecord(id, "u-" + id, "Customer " + id, department, ConversationStatus.Queued, null, null, [], at, null, null, 0);
        _conversations[id] = (record, 0);
        await SaveAsync(record, new ChatEvent(ChatEventKinds.ConversationQueued, at) { ConversationId = id, Department = department, CustomerId = record.CustomerId });
    }

    public Task AssignAsync(string id, string agentId, string agentName, DateTimeOffset at)
    {
        var record = Record(id) with
        {
            Status = ConversationStatus.Active,
            AgentId = agentId,
            AgentName = agentName,
            Agents = [.. Record(id).Agents.Append(agentName).Distinct()],
        };
        return SaveAsync(record, Event(ChatEventKinds.ConversationAssigned, record, at));
    }

    public Task TransferAsync(string id, string department, DateTimeOffset at)
    {
        var before = Record(id);
        var record = before with { Status = ConversationStatus.Queued, Department = department, AgentId = null, AgentName = null };
        return SaveAsync(record,
            Event(ChatEventKinds.ConversationTransferred, before, at) with { Department = department, FromDepartment = before.Department },
            new ChatEvent(ChatEventKinds.ConversationQueued, at) { ConversationId = id, Department = department, Reason = "transferred" });
    }

    public Task EndAsync(string id, EndedBy by, string reason, DateTimeOffset at)
    {
        var record = Record(id) with { Status = ConversationStatus.Ended, EndedAt = at, EndedBy = by };
        return SaveAsync(record, Event(ChatEventKinds.ConversationEnded, record, at) with { EndedBy = by, Reason = reason });
    }

    public Task CustomerWritesAsync(string id, DateTimeOffset at) => WriteAsync(id, SenderRole.Customer, "u-" + id, "Customer " + id, at);

    public Task AgentWritesAsync(string id, DateTimeOffset at) =>
        WriteAsync(id, SenderRole.Agent, Record(id).AgentId!, Record(id).AgentName!, at);

    public Task SystemWritesAsync(string id, DateTimeOffset at) => WriteAsync(id, SenderRole.System, "system", "SupportChat", at);

    public Task RateAsync(string id, int score, DateTimeOffset at) => store.RateAsync(id, new ConversationRating(score, string.Empty, at), CancellationToken.None);

    private ConversationRecord Record(string id) => _conversations[id].Record;

    private static ChatEvent Event(string kind, ConversationRecord record, DateTimeOffset at) => new(kind, at)
    {
        ConversationId = record.Id,
        Department = record.Department,
        AgentId = record.AgentId,
        AgentName = record.AgentName,
        CustomerId = record.CustomerId,
        CustomerName = record.CustomerName,
    };

    private async Task SaveAsync(ConversationRecord record, params ChatEvent[] events)
    {
        _conversations[record.Id] = (record, _conversations[record.Id].Seq);
        await store.SaveConversationAsync(record, events, CancellationToken.None);
    }

    private async Task WriteAsync(string id, SenderRole role, string senderId, string senderName, DateTimeOffset at)
    {
        var (record, seq) = _conversations[id];
        _conversations[id] = (record, seq + 1);
        await store.AppendAsync(
            [new StoredMessage(id, seq + 1, Guid.CreateVersion7().ToString(), role, senderId, senderName, "text", Guid.NewGuid().ToString(), at)],
            CancellationToken.None);
    }
}
