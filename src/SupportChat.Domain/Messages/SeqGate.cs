namespace SupportChat.Domain.Messages;

/// <summary>
/// Releases one conversation's seq-numbered items strictly in order, exactly once: items at or below
/// what was delivered are dropped, items past a gap wait until the gap is filled.
/// </summary>
public sealed class SeqGate<T>(long delivered)
{
    private readonly SortedDictionary<long, T> _pending = [];

    /// <summary>Highest seq released so far; everything up to it has been released.</summary>
    public long Delivered { get; private set; } = delivered;

    /// <summary>True while an item waits for an earlier one that has not arrived.</summary>
    public bool HasGap => _pending.Count > 0;

    /// <summary>Offers an item; appends to <paramref name="ready"/> every item that can now go out, in order.</summary>
    public void Offer(long seq, T item, List<T> ready)
    {
        if (seq == Delivered + 1 && _pending.Count == 0)
        {
            // The usual case, in order with nothing waiting: no sorted insert.
            ready.Add(item);
            Delivered = seq;
            return;
        }

        if (seq <= Delivered || !_pending.TryAdd(seq, item))
        {
            return;
        }

        while (_pending.Remove(Delivered + 1, out var next))
        {
            ready.Add(next);
            Delivered++;
        }
    }
}
