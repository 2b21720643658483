using System.Threading.Channels;
using SupportChat.Client.Events;

namespace SupportChat.Client.Tests.Fakes;

/// <summary>Every wait in these tests has a timeout that names what it waited for.</summary>
internal static class Waiting
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task Within(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {Timeout.TotalSeconds} s waiting for {what}");
        }
    }

    public static async Task<T> Within<T>(this Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"timed out after {Timeout.TotalSeconds} s waiting for {what}");
        }
    }

    /// <summary>The next event of type <typeparamref name="T"/> (matching, if given), skipping others; fails if the
    /// session's events end first.</summary>
    public static async Task<T> NextAsync<T>(this ChannelReader<ChatEvent> events, string what, Func<T, bool>? match = null)
        where T : ChatEvent
    {
        var skipped = new List<ChatEvent>();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await foreach (var e in events.ReadAllAsync(timeout.Token))
            {
                if (e is T hit && (match is null || match(hit)))
                {
                    return hit;
                }

                skipped.Add(e);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {Timeout.TotalSeconds} s waiting for {what}; saw {string.Join(", ", skipped)}");
        }

        throw new InvalidOperationException($"the events ended before {what}; saw {string.Join(", ", skipped)}");
    }

    /// <summary>Every event up to and including the first one that matches; fails if the session's events end first.</summary>
    public static async Task<IReadOnlyList<ChatEvent>> UntilAsync(this ChannelReader<ChatEvent> events, string what, Func<ChatEvent, bool> match)
    {
        var seen = new List<ChatEvent>();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await foreach (var e in events.ReadAllAsync(timeout.Token))
            {
                seen.Add(e);
                if (match(e))
                {
                    return seen;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {Timeout.TotalSeconds} s waiting for {what}; saw {string.Join(", ", seen)}");
        }

        throw new InvalidOperationException($"the events ended before {what}; saw {string.Join(", ", seen)}");
    }

    /// <summary>Every event until the session's events end.</summary>
    public static async Task<IReadOnlyList<ChatEvent>> RestAsync(this ChannelReader<ChatEvent> events, string what)
    {
        var all = new List<ChatEvent>();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await foreach (var e in events.ReadAllAsync(timeout.Token))
            {
                all.Add(e);
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {Timeout.TotalSeconds} s waiting for {what}; saw {string.Join(", ", all)}");
        }

        return all;
    }
}
