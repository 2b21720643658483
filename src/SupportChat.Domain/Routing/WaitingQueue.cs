namespace SupportChat.Domain.Routing;

/// <summary>FIFO of waiting conversations for one department, ordered by arrival.</summary>
public sealed class WaitingQueue
{
    private readonly List<WaitingCustomer> _entries = [];

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

    /// <summary>Puts a conversation at the head, ahead of everyone (an agent vanished mid-chat).</summary>
    public void EnqueueFront(WaitingCustomer customer)
    {
        Remove(customer.ConversationId);
        _entries.Insert(0, customer);
    }

    public WaitingCustomer? Peek() => _entries.Count == 0 ? null : _entries[0];

    public WaitingCustomer Dequeue()
    {
        if (_entries.Count == 0)
        {
            throw new InvalidOperationException("The queue is empty.");
        }

        var head = _entries[0];
        _entries.RemoveAt(0);
        return head;
    }

    public bool Remove(string conversationId) =>
        _entries.RemoveAll(e => e.ConversationId == conversationId) > 0;

    /// <summary>1-based position, or 0 when not waiting.</summary>
    public int PositionOf(string conversationId) =>
        _entries.FindIndex(e => e.ConversationId == conversationId) + 1;
}
