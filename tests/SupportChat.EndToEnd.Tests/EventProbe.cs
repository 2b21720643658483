using SupportChat.Client.Events;
using SupportChat.Client.Sessions;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// Records every event of a session as it arrives, so a test can wait for the one it expects (with a
/// timeout) and later inspect everything that was seen. No sleeps.
/// </summary>
internal sealed class EventProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly List<ChatEvent> _events = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EventProbe(ChatSession session, string label)
    {
        Session = session;
        Label = label;
        Pump = Task.Run(PumpAsync);
    }

    public ChatSession Session { get; }

    public string Label { get; }

    public Task Pump { get; }

    public IReadOnlyList<ChatEvent> Events { get { lock (_gate) { return [.. _events]; } } }

    public static EventProbe Watch(ChatSession session, string label) => new(session, label);

    public IReadOnlyList<T> All<T>() where T : ChatEvent => [.. Events.OfType<T>()];

    /// <summary>Waits for an event of type T matching the predicate, at or after index <paramref name="from"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool>? match = null, string? what = null, int from = 0, TimeSpan? timeout = null)
        where T : ChatEvent
    {
        using var cts = new CancellationTokenSource(timeout ?? Timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (var i = from; i < _events.Count; i++)
                {
                    if (_events[i] is T hit && (match is null || match(hit)))
                    {
                        return hit;
                    }
                }

                if (Pump.IsCompleted)
                {
                    throw new InvalidOperationException($"{Label}: the stream closed before {what ?? typeof(T).Name}. Seen:\n{Describe()}");
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                lock (_gate)
                {
                    throw new TimeoutException($"{Label}: no {what ?? typeof(T).Name} within {(timeout ?? Timeout).TotalSeconds:0} s. Seen:\n{Describe()}");
                }
            }
        }
    }

    public int Count => Events.Count;

    private async Task PumpAsync()
    {
        await foreach (var chatEvent in Session.Events.ReadAllAsync())
        {
            lock (_gate)
            {
                _events.Add(chatEvent);
                var changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
                changed.TrySetResult();
            }
        }

        lock (_gate)
        {
            _changed.TrySetResult();
        }
    }

    private string Describe() => string.Join('\n', _events.Select(e => "  " + e));
}
