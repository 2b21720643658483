using SupportChat.Domain.Conversations;

namespace SupportChat.Domain.Events;

/// <summary>
/// One business event of the durable feed: what happened (<see cref="Kind"/>, one of <see cref="ChatEventKinds"/>), when,
/// and the typed facts that kind carries (the others are null). <see cref="Cursor"/> is the event's place in the feed
/// (1, 2, 3 … gapless, in commit order), given by the store when it commits the event; 0 before.
/// </summary>
public sealed record ChatEvent(string Kind, DateTimeOffset At)
{
    public long Cursor { get; init; }

    public string? ConversationId { get; init; }

    /// <summary>The conversation's department; for a transfer, the department it goes to.</summary>
    public string? Department { get; init; }

    public string? AgentId { get; init; }

    public string? AgentName { get; init; }

    public string? CustomerId { get; init; }

    public string? CustomerName { get; init; }

    /// <summary>Why: an ended conversation's reason, a transfer's or a requeue's cause, how an agent signed off.</summary>
    public string? Reason { get; init; }

    /// <summary>Who ended the conversation (conversation.ended).</summary>
    public EndedBy? EndedBy { get; init; }

    /// <summary>The customer's rating, 1 to 5 (conversation.rated).</summary>
    public int? Score { get; init; }

    /// <summary>The agent's status: "available" or "away" (agent events; "offline" once signed off).</summary>
    public string? Status { get; init; }

    /// <summary>The department a transferred conversation left (conversation.transferred).</summary>
    public string? FromDepartment { get; init; }
}
