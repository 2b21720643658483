using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Metrics;

namespace SupportChat.Grains.Conversations;

/// <summary>
/// The two waits a team lead asks about, measured by the conversation: the customer's from joining to a first agent
/// (once per conversation: a transfer or a requeue is not a new join), and each assigned agent's from the assignment to
/// its first message.
/// </summary>
internal sealed class ConversationTimings(GrainMetrics metrics, TimeProvider time)
{
    private DateTimeOffset? _assignedAt;
    private bool _waitRecorded;

    public void Assigned(Conversation conversation)
    {
        var now = time.GetUtcNow();
        _assignedAt = now;

        // One agent in the conversation's list: this is its first assignment (a later one, or one restored after a
        // restart, has it already).
        if (!_waitRecorded && conversation.Agents.Count == 1)
        {
            metrics.QueueWait(conversation.Department, now - conversation.QueuedAt);
        }

        _waitRecorded = true;
    }

    /// <summary>After a batch of sends: the first stored one by the assigned agent is its first response.</summary>
    public void Sent(Conversation conversation, SenderRole role, IReadOnlyList<SendOutcome> outcomes)
    {
        if (_assignedAt is { } assignedAt && role == SenderRole.Agent && outcomes.Any(o => o.Receipt is not null))
        {
            metrics.FirstResponse(conversation.Department, time.GetUtcNow() - assignedAt);
            _assignedAt = null;
        }
    }
}
