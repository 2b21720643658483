using Microsoft.Extensions.Logging;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// Appends the server's log to a file when SUPPORTCHAT_TEST_LOG names one: the way to see what the
/// server did in a failing end-to-end test, since the test runner does not show the server's console.
/// </summary>
internal sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(path, categoryName);

    public void Dispose()
    {
    }

    private sealed class FileLogger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}\n";
            lock (Gate)
            {
                File.AppendAllText(path, line);
            }
        }
    }
}
