namespace SupportChat.Domain.Routing;

/// <summary>
/// FIFO of waiting conversations for one department, ordered by arrival. A customer whose stream dropped is marked
/// away: it keeps its place (and counts in the positions of those behind it) but is passed over until it is back, so
/// that no agent's seat is held for a customer who may never return. Away and back come numbered by the conversation
/// (the messages that bring them may arrive out of order): a change older than the last one applied is ignored.
/// </summary>
public sealed class WaitingQueue
{
    private readonly List<WaitingCustomer> _entries = [];
    private readonly Dictionary<string, (bool Away, long Version)> _presence = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public IReadOnlyList<WaitingCustomer> Entries => _entries;

    /// <summary>Adds a conversation in arrival order; returns its 1-based position. Adding one that is
    /// already waiting changes nothing.</summary>
    public int Enqueue(WaitingCustomer customer)
    {
        var existing = _entries.FindIndex(e => e.ConversationId == customer.ConversationId);
        if (existing >= 0)
        {
            return existing + 1;
        }

        // Stable: equal arrival times keep insertion order.
        var index = _entries.FindIndex(e => e.ArrivedAt > customer.ArrivedAt);
        if (index < 0)
        {
            _entries.Add(customer);
            return _entries.Count;
        }

        _entries.Insert(index, customer);
        return index + 1;
    }

    /// <summary>Puts a conversation at the head, ahead of everyone (an agent vanished mid-chat); one already waiting
    /// moves there, away or not as it was.</summary>
    public void EnqueueFront(WaitingCustomer customer)
    {
        _entries.RemoveAll(e => e.ConversationId == customer.ConversationId);
        _entries.Insert(0, customer);
    }

    public WaitingCustomer? Peek() => _entries.Count == 0 ? null : _entries[0];

    /// <summary>The first waiting conversation whose customer is not away, or null.</summary>
    public WaitingCustomer? FirstPresent() => _entries.Find(e => !IsAway(e.ConversationId));

    public WaitingCustomer Dequeue()
    {
        if (_entries.Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        var head = _entries[0];
        Remove(head.ConversationId);
        return head;
    }

    public bool Remove(string conversationId)
    {
        _presence.Remove(conversationId);
        return _entries.RemoveAll(e => e.ConversationId == conversationId) > 0;
    }

    /// <summary>The customer of a waiting conversation lost its stream; true when that made it away.</summary>
    public bool MarkAway(string conversationId, long version) => SetPresence(conversationId, away: true, version);

    /// <summary>The customer is back; true when it had been away.</summary>
    public bool MarkBack(string conversationId, long version) => SetPresence(conversationId, away: false, version);

    public bool IsAway(string conversationId) => _presence.TryGetValue(conversationId, out var presence) && presence.Away;

    /// <summary>1-based position, or 0 when not waiting. Customers away count.</summary>
    public int PositionOf(string conversationId) =>
        _entries.FindIndex(e => e.ConversationId == conversationId) + 1;

    /// <summary>Applies a change newer than the last one applied while the conversation waits (a conversation queued
    /// again starts afresh); true when it changed whether the customer is away.</summary>
    private bool SetPresence(string conversationId, bool away, long version)
    {
        if (PositionOf(conversationId) == 0 || (_presence.TryGetValue(conversationId, out var known) && known.Version >= version))
        {
            return false;
        }

        var changed = IsAway(conversationId) != away;
        _presence[conversationId] = (away, version);
        return changed;
    }
}
