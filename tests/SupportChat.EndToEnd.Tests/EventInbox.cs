using System.Threading.Channels;
using Grpc.Core;
using SupportChat.Protocol.V1;

namespace SupportChat.EndToEnd.Tests;

/// <summary>The events of one server stream as a test reads them: every one kept in <see cref="All"/>, and waits that
/// take the next matching event, keeping the ones passed over for later waits.</summary>
internal sealed class EventInbox(TimeSpan timeout)
{
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>();
    private readonly List<ServerEvent> _skipped = [];

    /// <summary>Every event so far, in order; lock it to read it while the stream runs.</summary>
    public List<ServerEvent> All { get; } = [];

    /// <summary>Reads <paramref name="stream"/> to its end; faults with the stream's error, which later waits see too.</summary>
    public async Task ReadAsync(IAsyncStreamReader<ServerEvent> stream)
    {
        try
        {
            await foreach (var item in stream.ReadAllAsync())
            {
                lock (All)
                {
                    All.Add(item);
                }

                _events.Writer.TryWrite(item);
            }

            _events.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _events.Writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>The next event matching; events passed over are kept for later waits.</summary>
    public async Task<ServerEvent> WaitForAsync(Func<ServerEvent, bool> match, string what)
    {
        var earlier = _skipped.FirstOrDefault(match);
        if (earlier is not null)
        {
            _skipped.Remove(earlier);
            return earlier;
        }

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(cancel.Token);
                if (match(next))
                {
                    return next;
                }

                _skipped.Add(next);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {what} within {timeout.TotalSeconds} s; seen: {string.Join(" | ", Seen())}");
        }
        catch (ChannelClosedException ex)
        {
            throw new InvalidOperationException($"the stream ended before {what}; seen: {string.Join(" | ", Seen())}", ex.InnerException ?? ex);
        }
    }

    private List<ServerEvent> Seen()
    {
        lock (All)
        {
            return [.. All];
        }
    }
}
