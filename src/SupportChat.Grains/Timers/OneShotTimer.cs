namespace SupportChat.Grains.Timers;

/// <summary>
/// A one-shot grain timer: "wait this long for someone to come back" (grace periods), or "send this when the
/// interval ends" (queue lengths). The callback runs on the grain's scheduler like any other call, so it sees the
/// grain's state as it is then and decides for itself.
/// </summary>
internal sealed class OneShotTimer(Grain grain, Func<Task> onExpired)
{
    private IGrainTimer? _timer;

    public bool IsRunning => _timer is not null;

    /// <summary>Starts the wait unless one is already running (the first start sets the deadline).</summary>
    public void Start(TimeSpan grace)
    {
        if (_timer is not null)
        {
            return;
        }

        _timer = grain.RegisterGrainTimer(async _ =>
        {
            Stop();
            await onExpired();
        }, new GrainTimerCreationOptions { DueTime = grace, Period = Timeout.InfiniteTimeSpan, KeepAlive = true });
    }

    public void Stop()
    {
        _timer?.Dispose();
        _timer = null;
    }
}
