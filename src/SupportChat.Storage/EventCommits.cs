namespace SupportChat.Storage;

/// <summary>
/// Tells feed readers that this process has committed new events, so a following reader reads at once instead of at its
/// next poll. Race-free by shape: a reader takes <see cref="Next"/> before it reads the store, so a commit that lands
/// between its read and its wait still completes the task it waits on. Commits by other cluster nodes do not pulse it:
/// readers also poll.
/// </summary>
public sealed class EventCommits
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Completes at the next commit of events after it was taken.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Called after a transaction with events committed.</summary>
    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    // Asynchronous continuations: the writer loop pulses, and must not run the readers' code.
    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
