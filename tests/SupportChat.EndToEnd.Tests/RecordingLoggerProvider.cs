using Microsoft.Extensions.Logging;

namespace SupportChat.EndToEnd.Tests;

/// <summary>Keeps every log entry of a test server in memory, so a test can wait for one (a grace period starting, a
/// stream going away) and check what was logged at which level.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly Lock _gate = new();
    private readonly List<Entry> _entries = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    /// <summary>The first entry matching, once it has been logged.</summary>
    public async Task<Entry> WaitForAsync(Func<Entry, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_entries.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no log entry for {what} within {Timeout.TotalSeconds} s");
            }
        }
    }

    public void Dispose()
    {
    }

    private void Add(Entry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
            var changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }

    internal sealed record Entry(string Category, LogLevel Level, int EventId, string Message, Exception? Exception)
    {
        public override string ToString() => $"{Level} {Category}[{EventId}]: {Message}{(Exception is null ? "" : " " + Exception.GetType().Name)}";
    }

    private sealed class Recorder(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            provider.Add(new Entry(category, logLevel, eventId.Id, formatter(state, exception), exception));
    }
}
