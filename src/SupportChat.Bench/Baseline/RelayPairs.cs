using System.Collections.Concurrent;
using SupportChat.Bench.V1;

namespace SupportChat.Bench.Baseline;

/// <summary>Where the two streams of a pair find each other.</summary>
internal sealed class RelayPairs
{
    private readonly ConcurrentDictionary<string, Meeting> _meetings = new(StringComparer.Ordinal);

    /// <summary>Registers this stream's outbox and returns the other side's once it has arrived.</summary>
    public async Task<StreamOutbox<RelayFrame>> MeetAsync(string pair, StreamOutbox<RelayFrame> mine, CancellationToken token)
    {
        var meeting = _meetings.GetOrAdd(pair, _ => new Meeting());
        TaskCompletionSource<StreamOutbox<RelayFrame>> other;
        lock (meeting)
        {
            if (meeting.First is null)
            {
                meeting.First = mine;
                other = meeting.ForFirst;
            }
            else
            {
                meeting.ForFirst.TrySetResult(mine);
                _meetings.TryRemove(pair, out _);
                return meeting.First;
            }
        }

        return await other.Task.WaitAsync(token);
    }

    private sealed class Meeting
    {
        public StreamOutbox<RelayFrame>? First { get; set; }

        public TaskCompletionSource<StreamOutbox<RelayFrame>> ForFirst { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
