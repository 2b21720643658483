namespace SupportChat.Client.Delivery;

/// <summary>
/// Jittered exponential backoff for reconnecting and for sending refused sends again: 0.25 s, 0.5 s, 1 s … capped at
/// 30 s, each a random point between half and all of that ("equal jitter"), so clients cut off together do not return
/// together.
/// </summary>
internal static class Backoff
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    /// <param name="attempt">1 for the first retry.</param>
    /// <param name="random">The source of jitter.</param>
    public static TimeSpan Delay(int attempt, Random random)
    {
        var ceiling = Math.Min(Cap.TotalMilliseconds, First.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempt - 1, 0, 30)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + random.NextDouble() * ceiling / 2);
    }
}
