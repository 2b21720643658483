namespace SupportChat.Bench.Measures;

/// <summary>
/// What one receiver got from its peer: each message names its number (1..expected) and carries its send time.
/// A number seen twice is a duplicate; a number or seq lower than one already seen is a reordering.
/// </summary>
internal sealed class DeliveryCheck(int expected, Latencies latencies)
{
    private readonly bool[] _seen = new bool[expected + 1];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _highestNumber;
    private long _lastSeq;

    public int Expected => expected;

    public int Delivered { get; private set; }

    public int Duplicated { get; private set; }

    public int Reordered { get; private set; }

    /// <summary>Messages sent before this timestamp (Stopwatch) are checked but their latency is not recorded: a soak's
    /// warm-up runs on the same streams as its measured part.</summary>
    public long MeasureSentFrom { get; set; }

    /// <summary>Timestamp (Stopwatch) of the last first-time delivery.</summary>
    public long LastDeliveryAt { get; private set; }

    /// <summary>Completes when every expected message has arrived once.</summary>
    public Task Complete => _complete.Task;

    /// <summary>Called by the receiver's single read loop only.</summary>
    public void Receive(long seq, string text)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!BenchText.TryParse(text, out var number, out var sentAt) || number < 1 || number > expected)
        {
            Duplicated++; // not one of ours: count it against the run rather than drop it silently
            return;
        }

        if (_seen[number])
        {
            Duplicated++;
            return;
        }

        // Each message counts once: behind in seq, or behind in its sender's numbering.
        if (seq <= _lastSeq || number < _highestNumber)
        {
            Reordered++;
        }

        _lastSeq = Math.Max(_lastSeq, seq);
        _seen[number] = true;
        _highestNumber = Math.Max(_highestNumber, number);
        Delivered++;
        LastDeliveryAt = now;
        if (sentAt >= MeasureSentFrom)
        {
            latencies.Add(System.Diagnostics.Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
        }
        if (Delivered == expected)
        {
            _complete.TrySetResult();
        }
    }
}
