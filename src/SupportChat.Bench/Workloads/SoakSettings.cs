namespace SupportChat.Bench.Workloads;

/// <param name="Conversations">Customers, each with an agent of capacity 1 of its own.</param>
/// <param name="Interval">Seconds between two messages of one participant, on average.</param>
/// <param name="Seconds">Measured seconds, after the warm-up.</param>
/// <param name="WarmUp">Seconds of sending at the same pace before the measured part; null for
/// <see cref="DefaultWarmUp"/>.</param>
public sealed record SoakSettings(int Conversations, double Interval, int Seconds, double? WarmUp = null)
{
    /// <summary>Text size in bytes: a short chat line.</summary>
    public const int Size = 64;

    /// <summary>Streams: a customer and an agent per conversation.</summary>
    public int Streams => 2 * Conversations;

    /// <summary>Seconds of sending at the same pace before the measured part.</summary>
    public double WarmUpSeconds => WarmUp ?? DefaultWarmUp(Interval);

    /// <summary>Long enough that every participant has sent at least once and the server has compiled its hot path for
    /// this load.</summary>
    public static double DefaultWarmUp(double interval) => Math.Max(2 * interval, 10);

    /// <summary>Messages per second offered in total.</summary>
    public double Rate => Streams / Interval;

    /// <summary>Most messages one participant can send in the whole run (gaps are at least 80% of the interval), which
    /// sizes each receiver's check.</summary>
    public int MaxMessages => (int)Math.Ceiling((WarmUpSeconds + Seconds) / (Interval * (1 - SoakSchedule.Jitter))) + 2;
}
