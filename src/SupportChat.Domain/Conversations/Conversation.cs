using SupportChat.Domain.Messages;

namespace SupportChat.Domain.Conversations;

/// <summary>
/// The rules of one conversation: who may write, its lifecycle (queued → active → ended, with
/// transfers back to queued), gapless sequence numbers, and idempotent sends.
/// </summary>
public sealed class Conversation
{
    private readonly List<string> _agents = [];
    private readonly Dictionary<(string SenderId, string ClientMsgId), long> _sent = [];

    private Conversation(string id, string customerId, string customerName, string department, DateTimeOffset startedAt)
    {
        Id = id;
        CustomerId = customerId;
        CustomerName = customerName;
        Department = department;
        StartedAt = startedAt;
        Status = ConversationStatus.Queued;
    }

    public string Id { get; }

    public string CustomerId { get; }

    public string CustomerName { get; }

    /// <summary>The e-mail the customer gave when it joined, or null.</summary>
    public string? CustomerEmail { get; private init; }

    public string Department { get; private set; }

    public ConversationStatus Status { get; private set; }

    public string? AgentId { get; private set; }

    public string? AgentName { get; private set; }

    public IReadOnlyList<string> Agents => _agents;

    public DateTimeOffset StartedAt { get; }

    /// <summary>When the conversation last went into a queue: keeps its place on transfer.</summary>
    public DateTimeOffset QueuedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    public EndedBy? EndedBy { get; private set; }

    public long LastSeq { get; private set; }

    public static Conversation Open(string id, string customerId, string customerName, string department, DateTimeOffset now,
        string? customerEmail = null) =>
        new(id, customerId, customerName, department, now) { QueuedAt = now, CustomerEmail = string.IsNullOrEmpty(customerEmail) ? null : customerEmail };

    /// <summary>Rebuilds the state from what the store holds.</summary>
    public static Conversation Restore(ConversationRecord record, IEnumerable<StoredMessage> messages)
    {
        var conversation = new Conversation(record.Id, record.CustomerId, record.CustomerName, record.Department, record.StartedAt)
        {
            Status = record.Status,
            AgentId = record.AgentId,
            AgentName = record.AgentName,
            EndedAt = record.EndedAt,
            EndedBy = record.EndedBy,
            QueuedAt = record.StartedAt,
            CustomerEmail = record.CustomerEmail,
        };
        conversation._agents.AddRange(record.Agents);
        foreach (var message in messages)
        {
            conversation.LastSeq = Math.Max(conversation.LastSeq, message.Seq);
            conversation._sent[(message.SenderId, message.ClientMsgId)] = message.Seq;
        }

        return conversation;
    }

    public ConversationRecord ToRecord() =>
        new(Id, CustomerId, CustomerName, Department, Status, AgentId, AgentName, _agents.ToArray(), StartedAt, EndedAt, EndedBy, LastSeq,
            CustomerEmail: CustomerEmail);

    public bool IsParticipant(string participantId) => participantId == CustomerId || participantId == AgentId;

    public void Assign(string agentId, string agentName)
    {
        if (Status == ConversationStatus.Ended)
        {
            throw ChatException.FailedPrecondition($"conversation {Id} has ended.");
        }

        Status = ConversationStatus.Active;
        AgentId = agentId;
        AgentName = agentName;
        if (!_agents.Contains(agentName))
        {
            _agents.Add(agentName);
        }
    }

    /// <summary>Back to a queue without its agent: a transfer or an agent that vanished.</summary>
    public void Requeue(string department)
    {
        EnsureOpen();
        Department = department;
        Status = ConversationStatus.Queued;
        AgentId = null;
        AgentName = null;
    }

    public void End(EndedBy by, DateTimeOffset now)
    {
        EnsureOpen();
        Status = ConversationStatus.Ended;
        EndedBy = by;
        EndedAt = now;
    }

    /// <summary>Checks that a participant may write now and returns the role it writes as.</summary>
    public SenderRole AuthorizeSend(string senderId)
    {
        if (!IsParticipant(senderId))
        {
            throw ChatException.NotAParticipant(Id);
        }

        EnsureOpen();
        return senderId == CustomerId ? SenderRole.Customer : SenderRole.Agent;
    }

    public void EnsureOpen()
    {
        if (Status == ConversationStatus.Ended)
        {
            throw ChatException.FailedPrecondition($"conversation {Id} has ended.");
        }
    }

    /// <summary>Checks a stream's resume position: from 0 (nothing seen) to the last seq. One past the end would make
    /// the stream take the next messages for ones it already has, and never show them.</summary>
    public void EnsureCursor(long afterSeq)
    {
        if (afterSeq < 0 || afterSeq > LastSeq)
        {
            throw ChatException.OutOfRange($"cursor {afterSeq} is out of range for conversation {Id}: it must be from 0 to {LastSeq} (its last seq).");
        }
    }

    /// <summary>Checks a read position: a message that exists, from 1 to the last seq.</summary>
    public void EnsureReadSeq(long seq)
    {
        if (seq < 1 || seq > LastSeq)
        {
            throw ChatException.OutOfRange(LastSeq == 0
                ? $"read seq {seq} is out of range for conversation {Id}: it has no messages yet."
                : $"read seq {seq} is out of range for conversation {Id}: it must be from 1 to {LastSeq} (its last seq).");
        }
    }

    /// <summary>The seq an earlier send with this client_msg_id got, if any.</summary>
    public long? FindSent(string senderId, string clientMsgId) =>
        _sent.TryGetValue((senderId, clientMsgId), out var seq) ? seq : null;

    /// <summary>The seq the next message will get; call <see cref="Appended"/> once it is durable.</summary>
    public long PeekNextSeq() => LastSeq + 1;

    public void Appended(StoredMessage message)
    {
        if (message.Seq != LastSeq + 1)
        {
            throw new InvalidOperationException($"seq {message.Seq} would leave a gap after {LastSeq}.");
        }

        LastSeq = message.Seq;
        _sent[(message.SenderId, message.ClientMsgId)] = message.Seq;
    }
}
