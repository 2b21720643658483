using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Grains.Board;

/// <summary>
/// What a conversation grain tells the board: its row, only when something the board shows changed (not on every
/// message: only when who wrote last flips between customer and agent), and its end. Calls are one-way.
/// </summary>
internal sealed class ConversationBoardLink(TimeProvider time, BoardReports reports)
{
    // Above anything an earlier activation of the same conversation can have sent (it started earlier).
    private long _version = time.GetUtcNow().UtcTicks;
    private ConversationBoardRow? _told;

    /// <summary>Tells the board the conversation's row if it changed; <paramref name="again"/> tells it anyway (the
    /// board may be a new activation that does not know it). A change a message made (<paramref name="byMessage"/>)
    /// goes with the node's next batch (<see cref="BoardReports"/>) rather than on its own.</summary>
    public Task ReportAsync(IGrainFactory grains, Conversation conversation, IReadOnlyList<StoredMessage> messages, bool again = false,
        bool byMessage = false)
    {
        if (conversation.Status == ConversationStatus.Ended)
        {
            return Task.CompletedTask;
        }

        var queued = conversation.Status == ConversationStatus.Queued;
        var row = new ConversationBoardRow(conversation.Id, conversation.CustomerName, conversation.AgentId, conversation.AgentName,
            conversation.Department, queued, conversation.StartedAt, queued ? conversation.QueuedAt : null, UnansweredSince.Of(messages));
        if (!again && row == _told)
        {
            return Task.CompletedTask;
        }

        _told = row;
        if (byMessage)
        {
            reports.Offer(row with { Version = ++_version });
            return Task.CompletedTask;
        }

        return Board(grains).ConversationChanged(row with { Version = ++_version });
    }

    public Task EndedAsync(IGrainFactory grains, Conversation conversation) =>
        Board(grains).ConversationEnded(new ConversationEndedReport(conversation.Id, conversation.EndedAt ?? time.GetUtcNow(),
            conversation.Agents.Count > 0, ++_version));

    private static ISupervisorBoardGrain Board(IGrainFactory grains) => grains.GetGrain<ISupervisorBoardGrain>(ISupervisorBoardGrain.Key);
}
