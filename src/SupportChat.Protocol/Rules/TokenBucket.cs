namespace SupportChat.Protocol.Rules;

/// <summary>
/// A rate limit of <c>perSecond</c> with bursts up to <c>burst</c>. The server refuses what is over it; a
/// client uses the same bucket to wait until it may send, so a well-behaved client is never refused.
/// Not thread safe: each participant's commands are handled one at a time.
/// </summary>
public sealed class TokenBucket
{
    private readonly double _perSecond;
    private readonly int _burst;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucket(double perSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(perSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _perSecond = perSecond;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _lastTimestamp = time.GetTimestamp();
    }

    /// <summary>Takes one token if there is one.</summary>
    public bool TryTake()
    {
        Refill();
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }

    /// <summary>How long until a token is available (zero when one is).</summary>
    public TimeSpan TimeUntilNext()
    {
        Refill();
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastTimestamp, now);
        _lastTimestamp = now;
        _tokens = Math.Min(_burst, _tokens + elapsed.TotalSeconds * _perSecond);
    }
}
