namespace SupportChat.Client.Feed;

/// <summary>One event of the server's durable feed (see docs/protocol.md, EventFeed): its gapless <see cref="Cursor"/>,
/// its kind (conversation.queued, agent.signed_in …) and the fields that kind sets (the others are null).</summary>
/// <param name="Cursor">The event's place in the feed: 1, 2, 3 … with no gap.</param>
/// <param name="Kind">conversation.queued, conversation.assigned, conversation.transferred, conversation.ended,
/// conversation.rated, agent.signed_in, agent.status_changed or agent.signed_off.</param>
/// <param name="At">When it happened (UTC).</param>
public sealed record FeedEvent(long Cursor, string Kind, DateTimeOffset At)
{
    /// <summary>The conversation the event is about (conversation events).</summary>
    public string? ConversationId { get; init; }

    /// <summary>The conversation's department; for conversation.transferred the one it goes to.</summary>
    public string? Department { get; init; }

    /// <summary>conversation.transferred: the department it left.</summary>
    public string? FromDepartment { get; init; }

    /// <summary>The agent's id.</summary>
    public string? AgentId { get; init; }

    /// <summary>The agent's display name.</summary>
    public string? AgentName { get; init; }

    /// <summary>The customer's id.</summary>
    public string? CustomerId { get; init; }

    /// <summary>The customer's display name.</summary>
    public string? CustomerName { get; init; }

    /// <summary>Agent events: available, away or offline.</summary>
    public string? Status { get; init; }

    /// <summary>conversation.ended: customer, agent or system.</summary>
    public string? EndedBy { get; init; }

    /// <summary>conversation.rated: 1 to 5.</summary>
    public int? Score { get; init; }

    /// <summary>Why: an ended conversation's reason, a transfer or requeue's cause, how an agent signed off.</summary>
    public string? Reason { get; init; }
}
