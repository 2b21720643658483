using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Conversations;

/// <summary>
/// What a waiting conversation tells its department queue of its customer's stream: away when it is gone (the customer
/// keeps its place but no agent's seat is held for it, as it may never come back), back when it returns. The calls are
/// one-way and may arrive out of order, so each carries a number the queue orders them by; numbers start from the clock
/// at activation, so that a later activation's calls count over an earlier one's.
/// </summary>
internal sealed class CustomerPresence(TimeProvider time)
{
    private long _version = time.GetUtcNow().UtcTicks;
    private bool _toldAway;

    /// <summary>Puts the conversation in its queue, and says at once when its customer has no stream (after a restart,
    /// or gone while an agent had it): the customer keeps its place, but no agent is held for it until it is back.</summary>
    public async Task EnqueueAsync(IDepartmentQueueGrain queue, QueueEntry entry, bool customerConnected)
    {
        await queue.Enqueue(entry);
        if (!customerConnected)
        {
            await AwayAsync(queue, entry.ConversationId);
        }
    }

    public Task AwayAsync(IDepartmentQueueGrain queue, string conversationId)
    {
        _toldAway = true;
        return queue.CustomerAway(conversationId, ++_version);
    }

    /// <summary>Only after an away: a customer's stream subscribes again every minute, and a queue that never heard of
    /// an away has nothing to undo.</summary>
    public Task BackAsync(IDepartmentQueueGrain queue, string conversationId)
    {
        if (!_toldAway)
        {
            return Task.CompletedTask;
        }

        _toldAway = false;
        return queue.CustomerBack(conversationId, ++_version);
    }
}
