namespace SupportChat.Domain.Routing;

/// <summary>
/// FIFO of waiting conversations for one department, ordered by arrival. A customer whose stream dropped is marked
/// away: it keeps its place (and counts in the positions of those behind it) but is passed over until it is back, so
/// that no agent's seat is held for a customer who may never return.
/// </summary>
public sealed class WaitingQueue
{
    private readonly List<WaitingCustomer> _entries = [];
    private readonly HashSet<string> _away = new(StringComparer.Ordinal);

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
    public WaitingCustomer? FirstPresent() => _entries.Find(e => !_away.Contains(e.ConversationId));

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
        _away.Remove(conversationId);
        return _entries.RemoveAll(e => e.ConversationId == conversationId) > 0;
    }

    /// <summary>The customer of a waiting conversation lost its stream; false when it is not waiting or already away.</summary>
    public bool MarkAway(string conversationId) => PositionOf(conversationId) > 0 && _away.Add(conversationId);

    /// <summary>The customer is back; false when it was not away.</summary>
    public bool MarkBack(string conversationId) => _away.Remove(conversationId);

    public bool IsAway(string conversationId) => _away.Contains(conversationId);

    /// <summary>1-based position, or 0 when not waiting. Customers away count.</summary>
    public int PositionOf(string conversationId) =>
        _entries.FindIndex(e => e.ConversationId == conversationId) + 1;
}
