namespace SupportChat.Client.Tests.Fakes;

/// <summary>
/// A clock that moves when someone waits on it: every timer jumps the clock to its due time and fires at once, so
/// backoffs and pacing take no real time. Like a real clock it never stands still: each reading moves it on by one
/// tick (100 ns), so code that waits out a remainder too small for a timer still sees time pass.
/// </summary>
internal sealed class FakeTime : TimeProvider
{
    private readonly Lock _gate = new();
    private long _ticks;

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

    private sealed class Timer(FakeTime time, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                time.Advance(dueTime);
                // Never inline: the caller is still setting the timer up.
                ThreadPool.QueueUserWorkItem(_ =>
                {
                    if (!_disposed)
                    {
                        callback(state);
                    }
                });
            }

            return true;
        }

        public void Dispose() => _disposed = true;

        public ValueTask DisposeAsync()
        {
            _disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
