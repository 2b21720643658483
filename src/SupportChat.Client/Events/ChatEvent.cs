namespace SupportChat.Client.Events;

/// <summary>Something the server told this participant. Each subtype is one kind of event.</summary>
public abstract record ChatEvent;

/// <summary>An agent is signed in (and sent again whenever its status or capacity changes).</summary>
public sealed record AgentReady(string AgentId, string Name, IReadOnlyList<string> Departments, int Capacity, AgentAvailability Status) : ChatEvent
{
    /// <summary>Every department of the server (where a conversation may be transferred); empty from a server that does not say.</summary>
    public IReadOnlyList<string> ServerDepartments { get; init; } = [];

    /// <summary>The team's canned replies, in shortcut order; changes come as <see cref="CannedRepliesChanged"/>.</summary>
    public IReadOnlyList<Canned.CannedReply> CannedReplies { get; init; } = [];
}

/// <summary>A customer joined: the identity and conversation it may later resume.</summary>
public sealed record CustomerWelcome(string CustomerId, string SessionToken, string ConversationId, string Department) : ChatEvent;

/// <summary>The customer waits in a department's queue; sent again whenever the position changes, and when
/// <see cref="NoAgentAvailable"/> does.</summary>
public sealed record QueuePosition(string ConversationId, string Department, int Position, TimeSpan? EstimatedWait) : ChatEvent
{
    /// <summary>No agent of the department is signed in and available: the customer keeps its place and waits for one
    /// (there is no <see cref="EstimatedWait"/> then). False from a server that does not say.</summary>
    public bool NoAgentAvailable { get; init; }

    /// <summary>Nobody can answer now (the department is closed, or nobody of it is signed in): the customer may
    /// leave messages and the conversation waits.</summary>
    public bool Offline { get; init; }

    /// <summary>When offline because the department is closed: when it opens next.</summary>
    public DateTimeOffset? OpenAt { get; init; }

    /// <summary>When offline: the server's sentence for the customer ("We're offline until …").</summary>
    public string OfflineMessage { get; init; } = "";
}

/// <summary>Agents: how many customers wait in one of the agent's departments; sent at sign-in and on change.
/// <paramref name="Offline"/>: how many of them left messages while the department was offline.</summary>
public sealed record QueueLengthChanged(string Department, int Waiting, int Offline = 0) : ChatEvent;

/// <summary>A conversation started, or another agent took it over. <paramref name="CustomerEmail"/> is empty when the
/// customer gave none.</summary>
public sealed record ConversationAssigned(
    string ConversationId, string Department, string AgentId, string AgentName, string AgentTitle,
    string CustomerId, string CustomerName, DateTimeOffset StartedAt, string CustomerEmail = "") : ChatEvent
{
    /// <summary>Issue 21, agents only: the note the previous agent handed the conversation over with (empty when none);
    /// show it first, before the conversation's messages.</summary>
    public string HandoverNote { get; init; } = string.Empty;

    /// <summary>Who wrote <see cref="HandoverNote"/>.</summary>
    public string HandoverFrom { get; init; } = string.Empty;
}

/// <summary>A message of a conversation; every participant, the sender included, gets each one once, in seq order.</summary>
public sealed record MessageReceived(
    string ConversationId, long Seq, string MessageId, SenderRole From, string SenderId, string SenderName,
    string Text, DateTimeOffset SentAt, string ClientMsgId, bool IsOwn) : ChatEvent;

/// <summary>The other side is typing.</summary>
public sealed record TypingReceived(string ConversationId, string Name, SenderRole From) : ChatEvent;

/// <summary>The other side has read up to a seq.</summary>
public sealed record ReadReceived(string ConversationId, long Seq, string Name) : ChatEvent;

/// <summary>A conversation ended for this participant (for an agent, also when it was transferred away).</summary>
public sealed record ConversationEnded(string ConversationId, EndedBy By, string Reason, long LastSeq) : ChatEvent;

/// <summary>The server rejected a command; the stream stays open. Code is a gRPC status name.</summary>
/// <remarks>Unavailable or ResourceExhausted with a <paramref name="ClientMsgId"/> is not a failure of that send: the
/// session keeps sending it, in order, ahead of every send made after it, for as long as it lives. Such an event comes
/// once per send, when the server has refused it several times in a row, to say that it and the sends after it are
/// held. Any other code with a ClientMsgId is final for that send.</remarks>
public sealed record ServerError(string Code, string Message, string? ClientMsgId, string? ConversationId) : ChatEvent;

/// <summary>The stream is over: the server closed it or the connection broke. No events follow.</summary>
public sealed record StreamClosed(string Code, string Message) : ChatEvent;

/// <summary>The connection broke; the session reconnects by itself after <paramref name="Delay"/>. Sends made
/// meanwhile wait and go out after it is back.</summary>
public sealed record Reconnecting(int Attempt, TimeSpan Delay, string Reason) : ChatEvent;

/// <summary>The session is back: what was missed follows, each message once; unacknowledged sends are resent.</summary>
public sealed record Reconnected(Uri Server) : ChatEvent;
