using System.Threading.Channels;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests;

/// <summary>Collects what grains push to a participant, for tests to wait on.</summary>
internal sealed class RecordingObserver : IChatObserver
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();
    private readonly List<object> _seen = [];

    /// <summary>When set, pings fail as they would for a stream whose node died.</summary>
    public bool Unreachable { get; set; }

    public Task Ping() => Unreachable ? Task.FromException(new TimeoutException("the observer's node is gone")) : Task.CompletedTask;

    public Task OnAssigned(AssignmentView assignment) => Record(assignment);

    public Task OnQueued(QueuePositionView position) => Record(position);

    public async Task OnMessages(IReadOnlyList<MessageView> messages)
    {
        foreach (var message in messages)
        {
            await Record(message);
        }
    }

    public Task OnSignal(SignalView signal) => Record(signal);

    public Task OnNote(NoteView note) => Record(note);

    public Task OnEnded(EndedView ended) => Record(ended);

    public Task OnQueueLength(QueueLengthView length) => Record(length);

    public Task OnReplaced() => Record(Replaced.Notice);

    /// <summary>Waits for the next event of type T that matches; earlier non-matching ones are kept.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, string? what = null)
    {
        var found = _seen.OfType<T>().FirstOrDefault(e => match?.Invoke(e) ?? true);
        if (found is not null)
        {
            _seen.Remove(found);
            return found;
        }

        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(timeout.Token);
                if (next is T typed && (match?.Invoke(typed) ?? true))
                {
                    return typed;
                }

                _seen.Add(next);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {what ?? typeof(T).Name} within {Timeout.TotalSeconds} s");
        }
    }

    /// <summary>Everything received so far that has not been waited for.</summary>
    public IReadOnlyList<object> Drain()
    {
        while (_events.Reader.TryRead(out var next))
        {
            _seen.Add(next);
        }

        return _seen.ToList();
    }

    private Task Record(object value)
    {
        _events.Writer.TryWrite(value);
        return Task.CompletedTask;
    }
}
