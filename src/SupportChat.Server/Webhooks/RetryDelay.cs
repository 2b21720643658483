namespace SupportChat.Server.Webhooks;

/// <summary>Exponential back-off: the first delay after the first failure, doubling with each next one, capped.</summary>
internal static class RetryDelay
{
    public static TimeSpan After(int failures, TimeSpan first, TimeSpan max)
    {
        var doublings = Math.Clamp(failures - 1, 0, 40);
        var delay = first.Ticks * Math.Pow(2, doublings);
        return delay >= max.Ticks ? max : TimeSpan.FromTicks((long)delay);
    }
}
