namespace SupportChat.Domain;

public static class TimeProviderExtensions
{
    /// <summary>Now, in UTC, cut to whole milliseconds: what the store keeps, so memory and disk agree.</summary>
    public static DateTimeOffset UtcNowMs(this TimeProvider time)
    {
        var now = time.GetUtcNow();
        return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
