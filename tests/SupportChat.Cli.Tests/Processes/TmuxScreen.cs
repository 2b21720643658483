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
    /// <summary>What a watched pane prints when the program has exited: whether its terminal settings are as before.</summary>
    public const string TerminalRestored = "terminal settings restored";

    private const string ExitedMarker = "supportchat exited with ";

    private readonly string _socket;
    private readonly string _session;
    private readonly bool _watched;

    private TmuxScreen(string socket, string session, bool watched)
    {
        _socket = socket;
        _session = session;
        _watched = watched;
    }

    public static Task<TmuxScreen> StartAsync(string socket, string session, int width, int height, params string[] args) =>
        StartAsync(socket, session, width, height, watched: false, args);

    /// <summary>Runs the program from a shell that stays after it, as a person's shell does: the pane then shows
    /// whether the program gave back the terminal's settings (stty) as it found them, and its modes can be read
    /// (a dead pane's cannot).</summary>
    public static Task<TmuxScreen> StartWatchedAsync(string socket, string session, int width, int height, params string[] args) =>
        StartAsync(socket, session, width, height, watched: true, args);

    private static async Task<TmuxScreen> StartAsync(string socket, string session, int width, int height, bool watched, string[] args)
    {
        var command = string.Join(' ', new[] { "env", "NO_COLOR=1", $"XDG_STATE_HOME={CliProcess.StateDirectory}", "dotnet",
            Path.Combine(AppContext.BaseDirectory, "supportchat.dll") }.Concat(args).Select(Quote));
        if (watched)
        {
            command = Quote($"""
                before=$(stty -g); {command}; code=$?; [ "$before" = "$(stty -g)" ] && echo "{TerminalRestored}" || echo "terminal settings changed"; echo "{ExitedMarker}$code"; exec sleep 3600
                """);
            command = $"sh -c {command}";
        }

        // Keep the pane after the program exits, so its last screen can still be read.
        await RunAsync(socket, "new-session", "-d", "-s", session, "-x", width.ToString(), "-y", height.ToString(), command);
        await RunAsync(socket, "set-option", "-t", session, "remain-on-exit", "on");
        return new TmuxScreen(socket, session, watched);
    }

    /// <summary>Types text literally (no key names), then optionally presses Enter. Long text goes in pieces: tmux
    /// refuses a command of much more than 16 KB.</summary>
    public async Task TypeAsync(string text, bool enter = true)
    {
        foreach (var piece in text.Chunk(8_000))
        {
            await RunAsync(_socket, "send-keys", "-t", _session, "-l", new string(piece));
        }

        if (enter)
        {
            await PressAsync("Enter");
        }
    }

    /// <summary>Pastes text the way a terminal does: as one bracketed paste when the program asked for that (as
    /// Terminal.Gui does), otherwise as typed keys.</summary>
    public async Task PasteAsync(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"supportchat-paste-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, text);
        try
        {
            await RunAsync(_socket, "load-buffer", "-b", _session, file);
            await RunAsync(_socket, "paste-buffer", "-p", "-d", "-b", _session, "-t", _session);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The program in the pane: tmux runs it through env, which execs it, so the pane's process is the program
    /// (in a watched pane, the shell's only child).</summary>
    public async Task<int> ProcessIdAsync()
    {
        var pane = int.Parse((await RunAsync(_socket, "display-message", "-p", "-t", _session, "#{pane_pid}")).Trim());
        return _watched ? int.Parse(File.ReadAllText($"/proc/{pane}/task/{pane}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]) : pane;
    }

    /// <summary>A process's resident memory in MB, from /proc; 0 once it has exited.</summary>
    public static long ResidentMegabytes(int processId)
    {
        try
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Sends a signal (TERM, INT) to the program in the pane.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", (await ProcessIdAsync()).ToString()])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>The terminal modes the program left the pane in: alternate screen, mouse reporting, cursor shown (read
    /// them from a watched pane: tmux reports no cursor for a dead one).</summary>
    public async Task<(bool AlternateScreen, bool Mouse, bool CursorShown)> ModesAsync()
    {
        var flags = (await RunAsync(_socket, "display-message", "-p", "-t", _session, "#{alternate_on} #{mouse_any_flag} #{cursor_flag}")).Trim().Split(' ');
        return (flags[0] == "1", flags[1] == "1", flags[2] == "1");
    }

    /// <summary>Presses a key by tmux's name for it (Enter, Escape, F3, C-q…).</summary>
    public Task PressAsync(string key) => RunAsync(_socket, "send-keys", "-t", _session, key);

    public Task<string> CaptureAsync() => RunAsync(_socket, "capture-pane", "-p", "-t", _session);

    /// <summary>The screen and everything scrolled off it.</summary>
    public Task<string> CaptureWithHistoryAsync() => RunAsync(_socket, "capture-pane", "-p", "-S", "-", "-t", _session);

    public async Task<string> WaitForAsync(Func<string, bool> match, string what, TimeSpan? patience = null)
    {
        var timeout = patience ?? CliProcess.Timeout;
        var clock = Stopwatch.StartNew();
        var screen = string.Empty;
        while (clock.Elapsed < timeout)
        {
            screen = await CaptureAsync();
            if (match(screen))
            {
                return screen;
            }

            await Task.Delay(PollEvery);
        }

        throw new TimeoutException($"no {what} on the screen within {timeout.TotalSeconds} s; the screen:\n{screen}");
    }

    public Task<string> WaitForTextAsync(string text) => WaitForAsync(s => s.Contains(text, StringComparison.Ordinal), $"\"{text}\"");

    /// <summary>Waits until the program in the pane has exited.</summary>
    public async Task WaitForExitAsync()
    {
        if (_watched)
        {
            await WaitForTextAsync(ExitedMarker);
            return;
        }

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
