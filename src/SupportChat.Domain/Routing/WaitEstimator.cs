namespace SupportChat.Domain.Routing;

/// <summary>
/// Estimates the wait at a queue position from how often the queue has moved recently:
/// position × the mean interval between the last few assignments from this queue.
/// </summary>
public sealed class WaitEstimator(int window = 10)
{
    private readonly Queue<DateTimeOffset> _assignments = new();

    public void RecordAssignment(DateTimeOffset at)
    {
        _assignments.Enqueue(at);
        while (_assignments.Count > window)
        {
            _assignments.Dequeue();
        }
    }

    /// <summary>Null while there is not enough data (fewer than two assignments seen).</summary>
    public TimeSpan? Estimate(int position)
    {
        if (_assignments.Count < 2 || position < 1)
        {
            return null;
        }

        var span = _assignments.Last() - _assignments.Peek();
        var interval = span / (_assignments.Count - 1);
        return interval * position;
    }
}
