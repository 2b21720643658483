using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SupportChat.Cli.Tests.Processes;

/// <summary>
/// A real <c>supportchat</c> process. Stdout lines are collected as they arrive; tests wait for the line
/// they expect (with a timeout) instead of sleeping.
/// </summary>
internal sealed class CliProcess : IAsyncDisposable
{
    // Bounded waits, not speed checks: a CLI process that starts, connects and signs in takes seconds, and more than half a
    // minute on a 2-core machine running other test hosts.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly List<string> _errors = [];
    private readonly Lock _gate = new();
    private readonly Task _stdout;
    private readonly Task _stderr;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private CliProcess(Process process)
    {
        _process = process;
        _stdout = Task.Run(() => PumpAsync(process.StandardOutput, _lines));
        _stderr = Task.Run(() => PumpAsync(process.StandardError, _errors));
    }

    public static string StateDirectory { get; } = Path.Combine(Path.GetTempPath(), "supportchat-cli-state-" + Environment.ProcessId);

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines { get { lock (_gate) { return [.. _lines]; } } }

    public string Errors { get { lock (_gate) { return string.Join('\n', _errors); } } }

    public static CliProcess Start(params string[] args) => StartWith(new Dictionary<string, string>(), args);

    /// <summary>Starts with extra environment variables (server configuration such as SUPPORTCHAT_Orleans__…).</summary>
    public static CliProcess StartWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "supportchat.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        // Customer session files go to a folder of the test run, never the user's own state folder.
        info.Environment["XDG_STATE_HOME"] = StateDirectory;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new CliProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start supportchat"));
    }

    public async Task SendAsync(string jsonLine)
    {
        await _process.StandardInput.WriteLineAsync(jsonLine);
        await _process.StandardInput.FlushAsync();
    }

    public void CloseInput() => _process.StandardInput.Close();

    /// <summary>Waits for the next stdout JSON line (after <paramref name="from"/>) that matches.</summary>
    /// <param name="patience">How long to wait; <see cref="Timeout"/> unless told.</param>
    public async Task<(JsonObject Json, int Index)> WaitForJsonAsync(
        Func<JsonObject, bool> match, string what, int from = 0, TimeSpan? patience = null)
    {
        var index = await WaitForAsync(line => JsonNode.Parse(line) is JsonObject o && match(o), what, from, _lines, patience);
        return ((JsonObject)JsonNode.Parse(Lines[index])!, index);
    }

    public Task<(JsonObject Json, int Index)> WaitForTypeAsync(string type, int from = 0) =>
        WaitForJsonAsync(o => (string?)o["type"] == type, $"a \"{type}\" event", from);

    /// <param name="text">Part of the line waited for.</param>
    /// <param name="cancellationToken">Ends the wait early (with an <see cref="OperationCanceledException"/>), as when
    /// the line was found elsewhere.</param>
    public Task<int> WaitForStderrAsync(string text, CancellationToken cancellationToken = default) =>
        WaitForAsync(line => line.Contains(text, StringComparison.Ordinal), text, 0, _errors, null, cancellationToken);

    /// <param name="patience">How long to wait; the default suits a command, a bench that starts servers needs more
    /// on a loaded machine.</param>
    public async Task<int> WaitForExitAsync(TimeSpan? patience = null)
    {
        using var timeout = new CancellationTokenSource(patience ?? Timeout);
        await _process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(_stdout, _stderr);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: the process gets no chance to say goodbye.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task WaitForKilledAsync()
    {
        await _process.WaitForExitAsync();
        await Task.WhenAll(_stdout, _stderr);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await Task.WhenAll(_stdout, _stderr);
        _process.Dispose();
    }

    private async Task<int> WaitForAsync(Func<string, bool> match, string what, int from, List<string> source, TimeSpan? patience,
        CancellationToken cancellationToken = default)
    {
        var limit = patience ?? Timeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (var i = from; i < source.Count; i++)
                {
                    if (match(source[i]))
                    {
                        return i;
                    }
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no {what} within {limit.TotalSeconds:0} s.\nstdout:\n{string.Join('\n', Lines)}\nstderr:\n{Errors}");
            }

            if (changed.IsCompleted && _process.HasExited && changed == _changed.Task)
            {
                throw new InvalidOperationException($"the process exited without {what}.\nstdout:\n{string.Join('\n', Lines)}\nstderr:\n{Errors}");
            }
        }
    }

    private async Task PumpAsync(StreamReader reader, List<string> into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (_gate)
            {
                into.Add(line);
                _changed.TrySetResult();
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        lock (_gate)
        {
            _changed.TrySetResult();
        }
    }
}
