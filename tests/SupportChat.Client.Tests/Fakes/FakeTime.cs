using System.Threading.Channels;

namespace SupportChat.Client.Tests.Fakes;

/// <summary>
/// A clock that moves when someone waits on it: every timer jumps the clock to its due time and fires at once, so
/// backoffs and pacing take no real time. Like a real clock it never stands still: each reading moves it on by one
/// tick (100 ns), so code that waits out a remainder too small for a timer still sees time pass.
/// </summary>
/// <param name="timersWait">Timers wait for the test instead: it sees each one start
/// (<see cref="NextTimerAsync"/>) and fires them (<see cref="FireTimers"/>), so it can act while one is running.</param>
internal sealed class FakeTime(bool timersWait = false) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();
    private readonly List<Timer> _waiting = [];
    private readonly bool _timersWait = timersWait;
    private long _ticks;

    /// <summary>Timers started and not yet fired (with <c>timersWait</c>) nor disposed.</summary>
    public int WaitingTimers
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count(t => !t.Disposed);
            }
        }
    }

    /// <summary>With <c>timersWait</c>: the due time of the next timer started, waiting for it.</summary>
    public Task<TimeSpan> NextTimerAsync(string what) => _started.Reader.ReadAsync().AsTask().Within(what);

    /// <summary>With <c>timersWait</c>: moves the clock to the latest due time of the waiting timers and fires them.</summary>
    public void FireTimers()
    {
        List<Timer> due;
        lock (_gate)
        {
            due = [.. _waiting.Where(t => !t.Disposed)];
            _waiting.Clear();
        }

        Advance(due.Count == 0 ? TimeSpan.Zero : due.Max(t => t.Due));
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return ++_ticks;
        }
    }

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddTicks(GetTimestamp());

    /// <summary>Moves the clock on by hand.</summary>
    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _ticks += by.Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Started(Timer timer)
    {
        lock (_gate)
        {
            _waiting.Add(timer);
        }

        _started.Writer.TryWrite(timer.Due);
    }

    private sealed class Timer(FakeTime time, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public TimeSpan Due { get; private set; }

        public bool Disposed => _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Due = dueTime;
                if (time._timersWait)
                {
                    time.Started(this);
                    return true;
                }

                time.Advance(dueTime);
                Fire();
            }

            return true;
        }

        /// <summary>Never inline: the caller is still setting the timer up (or holds a lock).</summary>
        public void Fire() => ThreadPool.QueueUserWorkItem(_ =>
        {
            if (!_disposed)
            {
                callback(state);
            }
        });

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
