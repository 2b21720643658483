namespace SupportChat.Bench.Workloads;

/// <summary>
/// When each soak participant sends next: a first send at a random point in the first interval, then one every
/// interval ± <see cref="Jitter"/>. One queue of due times serves every participant, so thousands of them need one
/// loop rather than a timer each; timestamps are in whatever unit the caller uses (the bench: Stopwatch ticks).
/// </summary>
internal sealed class SoakSchedule
{
    /// <summary>Largest deviation of one gap from the interval, as a fraction of it: people do not type in lockstep.</summary>
    public const double Jitter = 0.2;

    private readonly PriorityQueue<int, long> _due = new();
    private readonly long _interval;
    private readonly Random _random;

    public SoakSchedule(int participants, long start, long interval, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval);
        _interval = interval;
        _random = random;
        for (var i = 0; i < participants; i++)
        {
            _due.Enqueue(i, start + (long)(random.NextDouble() * interval));
        }
    }

    /// <summary>Adds to <paramref name="due"/> every participant whose send is due at or before <paramref name="now"/> and
    /// schedules its next one. A participant the caller was late for by more than a gap is added once per missed send, so
    /// the offered rate holds on average.</summary>
    public void TakeDue(long now, List<int> due)
    {
        while (_due.TryPeek(out var participant, out var at) && at <= now)
        {
            _due.Dequeue();
            due.Add(participant);
            _due.Enqueue(participant, at + NextGap());
        }
    }

    private long NextGap() => Math.Max(1, (long)(_interval * (1 + (Jitter * ((2 * _random.NextDouble()) - 1)))));
}
