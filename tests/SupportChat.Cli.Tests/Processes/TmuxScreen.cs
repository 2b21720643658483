using System.Diagnostics;

namespace SupportChat.Cli.Tests.Processes;

/// <summary>
/// The real CLI in a real terminal: a detached tmux session of a fixed size on a tmux server of the test's own.
/// Keys go in with send-keys, the screen comes back with capture-pane. A terminal has no other signal of progress,
/// so waits re-read the screen until what they look for is there or the timeout passes.
/// </summary>
internal sealed class TmuxScreen : IAsyncDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);
    private readonly string _socket;
    private readonly string _session;

    private TmuxScreen(string socket, string session)
    {
        _socket = socket;
        _session = session;
    }

    public static async Task<TmuxScreen> StartAsync(string socket, string session, int width, int height, params string[] args)
    {
        var command = string.Join(' ', new[] { "env", "NO_COLOR=1", $"XDG_STATE_HOME={CliProcess.StateDirectory}", "dotnet",
            Path.Combine(AppContext.BaseDirectory, "supportchat.dll") }.Concat(args).Select(Quote));
        // Keep the pane after the program exits, so its last screen can still be read.
        await RunAsync(socket, "new-session", "-d", "-s", session, "-x", width.ToString(), "-y", height.ToString(), command);
        await RunAsync(socket, "set-option", "-t", session, "remain-on-exit", "on");
        return new TmuxScreen(socket, session);
    }

    /// <summary>Types text literally (no key names), then optionally presses Enter.</summary>
    public async Task TypeAsync(string text, bool enter = true)
    {
        await RunAsync(_socket, "send-keys", "-t", _session, "-l", text);
        if (enter)
        {
            await PressAsync("Enter");
        }
    }

    /// <summary>Presses a key by tmux's name for it (Enter, Escape, F3, C-q…).</summary>
    public Task PressAsync(string key) => RunAsync(_socket, "send-keys", "-t", _session, key);

    public Task<string> CaptureAsync() => RunAsync(_socket, "capture-pane", "-p", "-t", _session);

    /// <summary>The screen and everything scrolled off it.</summary>
    public Task<string> CaptureWithHistoryAsync() => RunAsync(_socket, "capture-pane", "-p", "-S", "-", "-t", _session);

    public async Task<string> WaitForAsync(Func<string, bool> match, string what)
    {
        var clock = Stopwatch.StartNew();
        var screen = string.Empty;
        while (clock.Elapsed < CliProcess.Timeout)
        {
            screen = await CaptureAsync();
            if (match(screen))
            {
                return screen;
            }

            await Task.Delay(PollEvery);
        }

        throw new TimeoutException($"no {what} on the screen within {CliProcess.Timeout.TotalSeconds} s; the screen:\n{screen}");
    }

    public Task<string> WaitForTextAsync(string text) => WaitForAsync(s => s.Contains(text, StringComparison.Ordinal), $"\"{text}\"");

    /// <summary>Waits until the program in the pane has exited.</summary>
    public async Task WaitForExitAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < CliProcess.Timeout)
        {
            if ((await RunAsync(_socket, "display-message", "-p", "-t", _session, "#{pane_dead}")).Trim() == "1")
            {
                return;
            }

            await Task.Delay(PollEvery);
        }

        throw new TimeoutException($"the program in {_session} did not exit; the screen:\n{await CaptureAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(_socket, "kill-session", "-t", _session);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public static async Task KillServerAsync(string socket)
    {
        try
        {
            await RunAsync(socket, "kill-server");
        }
        catch (InvalidOperationException)
        {
            // No server left.
        }
    }

    private static async Task<string> RunAsync(string socket, params string[] args)
    {
        var info = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(socket);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("tmux could not be started (is it installed?)");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? await output : throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {await errors}");
    }

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
