namespace SupportChat.Grains.Contracts;

/// <summary>
/// One conversation: participants, status and the next seq. A message is stored before anyone is told
/// of it; state is loaded from the store on activation, so nothing lives only in memory.
/// </summary>
[Alias("supportchat.IConversationGrain")]
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Creates the conversation, queued; <paramref name="customerEmail"/> is empty when the customer gave none.</summary>
    [Alias("Open")]
    Task<ConversationSnapshot> Open(string customerId, string customerName, string department, string customerEmail = "");

    /// <summary>Registers the participant's stream and returns what it has missed after <paramref name="afterSeq"/>, which
    /// must be from 0 to the conversation's last seq (OutOfRange otherwise). A newer stream of the customer replaces the
    /// older one, which is told so (<see cref="IChatObserver.OnReplaced"/>); an agent's streams are the agent grain's to
    /// replace.</summary>
    [Alias("Subscribe")]
    Task<SubscribeResult> Subscribe(string participantId, IChatObserver observer, long afterSeq);

    /// <summary>A stream registering itself again (periodically, and after a node of the cluster died): registered when
    /// the participant has no stream here, but it never replaces another one, which is newer. A customer's stream
    /// that finds a newer one is told it was replaced.</summary>
    [Alias("Resubscribe")]
    Task<SubscribeResult> Resubscribe(string participantId, IChatObserver observer, long afterSeq);

    [Alias("Unsubscribe")]
    Task Unsubscribe(string participantId, IChatObserver observer);

    [Alias("GetMessagesAfter")]
    Task<IReadOnlyList<MessageView>> GetMessagesAfter(string participantId, long afterSeq);

    [Alias("Send")]
    Task<SendReceipt> Send(string senderId, string clientMsgId, string text);

    /// <summary>Several sends of one participant, stored together and told to the others in one notification;
    /// one outcome per send, in order. Sends already stored get their original receipt; when the store fails, the new
    /// ones are refused (Unavailable) and the others still get theirs. Text and client_msg_id are checked at the edge.</summary>
    [Alias("SendBatch")]
    Task<IReadOnlyList<SendOutcome>> SendBatch(string senderId, [Immutable] IReadOnlyList<OutgoingText> sends);

    /// <summary>A typing or read notice to the other participants; a read seq must be from 1 to the conversation's last
    /// seq (OutOfRange otherwise).</summary>
    [Alias("Signal")]
    Task Signal(string participantId, SignalKind kind, long seq);

    [Alias("End")]
    Task<EndedView> End(string participantId, string reason);

    [Alias("Transfer")]
    Task Transfer(string agentId, string department);

    /// <summary>Issue 21: a transfer to a department with a private note for the agent who takes it next (empty: none).</summary>
    [Alias("TransferWithNote")]
    Task TransferWithNote(string agentId, string department, string note);

    /// <summary>Issue 21: hands the conversation to the named agent at once. Refused with FailedPrecondition (the reason
    /// said) when that agent is not signed in, away, or at capacity, and the conversation stays as it was; InvalidArgument
    /// to oneself.</summary>
    [Alias("Handover")]
    Task Handover(string agentId, string toAgentId, string note);

    /// <summary>Issue 21: stores a private note of an agent of the conversation and tells the conversation's agents (never
    /// its customer). Idempotent on (agent, client_msg_id): a retry gets the stored note.</summary>
    [Alias("AddNote")]
    Task<NoteView> AddNote(string agentId, string clientMsgId, string text);

    /// <summary>From the department queue once the agent has reserved room; false if the conversation ended meanwhile.</summary>
    [Alias("Assign")]
    Task<bool> Assign(string agentId, string agentName, string agentTitle);

    /// <summary>From the department queue: <see cref="Assign"/> without holding up the queue while the assignment is
    /// stored. If the conversation ended meanwhile the agent's room is released; if storing fails the conversation goes
    /// back to the front of its queue.</summary>
    [OneWay, Alias("AssignFromQueue")]
    Task AssignFromQueue(string agentId, string agentName, string agentTitle);

    /// <summary>The agent left: back to the front of the queue, with the customer told.</summary>
    [OneWay, Alias("ReturnToQueue")]
    Task ReturnToQueue(string agentId, string reason);

    /// <summary>Whether a send of <paramref name="senderId"/> with this client_msg_id is stored: one whose call failed
    /// (its node died before answering) may have been stored all the same.</summary>
    [Alias("HasStored")]
    Task<bool> HasStored(string senderId, string clientMsgId);

    /// <summary>Whether the conversation is open and assigned to this agent.</summary>
    [Alias("IsAssignedTo")]
    Task<bool> IsAssignedTo(string agentId);

    /// <summary>Puts an open conversation back where it belongs: its queue, or its agent's list. Activates the grain
    /// after a restart; repeated after a node of the cluster died.</summary>
    [Alias("Recover")]
    Task Recover();

    /// <summary>The customer's stream dropped; unless it comes back within the grace period, the conversation is abandoned.</summary>
    [OneWay, Alias("CustomerDisconnected")]
    Task CustomerDisconnected(IChatObserver observer);

    /// <summary>The waiting customer's place in line; <paramref name="nobodyAvailable"/>: no agent of the department is
    /// signed in and available, so there is no estimate; <paramref name="offline"/>: nobody can answer now (closed, or
    /// nobody signed in).</summary>
    [OneWay, Alias("NotifyQueued")]
    Task NotifyQueued(int position, TimeSpan? estimatedWait, bool nobodyAvailable, OfflineView? offline);
}
