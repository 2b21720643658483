using SupportChat.Server.Tests.Support;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>The calls a fake grain received, as short strings ("End(c1, customer left)"), for tests to check or wait for.</summary>
internal sealed class CallLog
{
    private readonly object _gate = new();
    private readonly List<string> _calls = [];
    private readonly List<(string Prefix, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyList<string> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void Record(string call)
    {
        lock (_gate)
        {
            _calls.Add(call);
            foreach (var waiter in _waiters.Where(w => call.StartsWith(w.Prefix, StringComparison.Ordinal)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Seen.TrySetResult(call);
            }
        }
    }

    public bool Contains(string prefix) => All.Any(c => c.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The first call that starts with <paramref name="prefix"/>, once it has been made.</summary>
    public Task<string> WaitForAsync(string prefix)
    {
        lock (_gate)
        {
            if (_calls.FirstOrDefault(c => c.StartsWith(prefix, StringComparison.Ordinal)) is { } made)
            {
                return Task.FromResult(made);
            }

            var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((prefix, seen));
            return seen.Task.WithTimeout($"the call {prefix}…");
        }
    }
}
