using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Grains.Contracts;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>A conversation grain in memory: it stores what is sent to it in order, answers subscriptions with what
/// comes after the cursor, and records every call.</summary>
internal sealed class FakeConversationGrain(string conversationId) : IConversationGrain
{
    private readonly object _gate = new();
    private readonly List<MessageView> _messages = [];

    public string ConversationId => conversationId;

    public CallLog Calls { get; } = new();

    public ConversationStatus Status { get; set; } = ConversationStatus.Queued;

    public string CustomerId { get; set; } = "customer-1";

    /// <summary>Participants Subscribe refuses as not in the conversation (no longer, or not yet).</summary>
    public HashSet<string> Outsiders { get; } = [];

    /// <summary>The observer of the last Subscribe: what the grain would notify.</summary>
    public IChatObserver? Subscriber { get; private set; }

    /// <summary>When set, SendBatch answers with this instead of storing the sends.</summary>
    public Func<IReadOnlyList<OutgoingText>, Task<IReadOnlyList<SendOutcome>>>? SendBatchOverride { get; set; }

    public long LastSeq
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>A message from the other side, stored with the next seq (not notified: the test decides that).</summary>
    public MessageView Store(string text, string senderId = "agent-1", SenderRole from = SenderRole.Agent, string clientMsgId = "")
    {
        lock (_gate)
        {
            var message = new MessageView(conversationId, _messages.Count + 1, $"m{_messages.Count + 1}", from, senderId, senderId, text,
                clientMsgId, DateTimeOffset.UnixEpoch.AddSeconds(_messages.Count));
            _messages.Add(message);
            return message;
        }
    }

    public Task<ConversationSnapshot> Open(string customerId, string customerName, string department, string customerEmail = "")
    {
        Calls.Record($"Open({customerId}, {customerName}, {department})");
        CustomerId = customerId;
        return Task.FromResult(Snapshot(department));
    }

    public Task<SubscribeResult> Subscribe(string participantId, IChatObserver observer, long afterSeq)
    {
        Calls.Record($"Subscribe({participantId}, {afterSeq})");
        if (Outsiders.Contains(participantId))
        {
            throw ChatException.NotAParticipant(conversationId); // as the real grain does (RequireFor)
        }

        if (afterSeq < 0 || afterSeq > LastSeq)
        {
            // As the real grain does (Conversation.EnsureCursor), with its words.
            throw ChatException.OutOfRange($"cursor {afterSeq} is out of range for conversation {conversationId}: it must be from 0 to {LastSeq} (its last seq).");
        }

        Subscriber = observer;
        return Task.FromResult(new SubscribeResult(Snapshot("general"), After(afterSeq)));
    }

    public Task<SubscribeResult> Resubscribe(string participantId, IChatObserver observer, long afterSeq)
    {
        Calls.Record($"Resubscribe({participantId}, {afterSeq})");
        return Task.FromResult(new SubscribeResult(Snapshot("general"), After(afterSeq)));
    }

    public Task Unsubscribe(string participantId, IChatObserver observer)
    {
        Calls.Record($"Unsubscribe({participantId})");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MessageView>> GetMessagesAfter(string participantId, long afterSeq)
    {
        Calls.Record($"GetMessagesAfter({participantId}, {afterSeq})");
        return Task.FromResult(After(afterSeq));
    }

    public Task<bool> HasStored(string senderId, string clientMsgId)
    {
        Calls.Record($"HasStored({senderId}, {clientMsgId})");
        lock (_gate)
        {
            return Task.FromResult(_messages.Exists(m => m.SenderId == senderId && m.ClientMsgId == clientMsgId));
        }
    }

    public Task<IReadOnlyList<SendOutcome>> SendBatch(string senderId, IReadOnlyList<OutgoingText> sends)
    {
        Calls.Record($"SendBatch({senderId}, {string.Join(" ", sends.Select(s => s.ClientMsgId))})");
        if (SendBatchOverride is { } answer)
        {
            return answer(sends);
        }

        var outcomes = new List<SendOutcome>(sends.Count);
        foreach (var send in sends)
        {
            var stored = Store(send.Text, senderId, SenderRole.Customer, send.ClientMsgId);
            outcomes.Add(SendOutcome.Sent(new SendReceipt(conversationId, send.ClientMsgId, stored.Seq, stored.MessageId, stored.SentAt)));
        }

        return Task.FromResult<IReadOnlyList<SendOutcome>>(outcomes);
    }

    public Task Signal(string participantId, SignalKind kind, long seq)
    {
        Calls.Record($"Signal({participantId}, {kind}, {seq})");
        return Task.CompletedTask;
    }

    public Task<EndedView> End(string participantId, string reason)
    {
        Calls.Record($"End({participantId}, {reason})");
        Status = ConversationStatus.Ended;
        var by = participantId == CustomerId ? EndedBy.Customer : EndedBy.Agent;
        return Task.FromResult(new EndedView(conversationId, by, reason, LastSeq));
    }

    public Task CustomerDisconnected(IChatObserver observer)
    {
        Calls.Record("CustomerDisconnected");
        return Task.CompletedTask;
    }

    public Task Transfer(string agentId, string department) => throw new NotSupportedException();

    public Task TransferWithNote(string agentId, string department, string note) => throw new NotSupportedException();

    public Task Handover(string agentId, string toAgentId, string note) => throw new NotSupportedException();

    public Task<NoteView> AddNote(string agentId, string clientMsgId, string text) => throw new NotSupportedException();

    public Task<SendReceipt> Send(string senderId, string clientMsgId, string text) => throw new NotSupportedException();

    public Task<bool> Assign(string agentId, string agentName, string agentTitle) => throw new NotSupportedException();

    public Task AssignFromQueue(string agentId, string agentName, string agentTitle) => throw new NotSupportedException();

    public Task ReturnToQueue(string agentId, string reason) => throw new NotSupportedException();

    public Task<bool> IsAssignedTo(string agentId) => throw new NotSupportedException();

    public Task Recover() => throw new NotSupportedException();

    public Task NotifyQueued(int position, TimeSpan? estimatedWait, bool nobodyAvailable, OfflineView? offline) => throw new NotSupportedException();

    private IReadOnlyList<MessageView> After(long afterSeq)
    {
        lock (_gate)
        {
            return [.. _messages.Where(m => m.Seq > afterSeq)];
        }
    }

    private ConversationSnapshot Snapshot(string department) => new(conversationId, CustomerId, "Bob", department, Status,
        Status == ConversationStatus.Queued ? null : "agent-1", Status == ConversationStatus.Queued ? null : "Ada", LastSeq,
        DateTimeOffset.UnixEpoch, string.Empty, Status == ConversationStatus.Ended ? EndedBy.Customer : null);
}
