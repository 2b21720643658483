using System.Runtime.InteropServices;

namespace SupportChat.Cli.Screen;

/// <summary>
/// Puts the terminal back as it was before the full-screen interface took it, for when the interface cannot do it
/// itself (its thread is stuck, or the process is ending under it): leaves the alternate screen, turns mouse reporting
/// and bracketed paste off, shows the cursor, and restores the line settings (echo, line editing, signals) of
/// standard input as they were saved before the interface started. Otherwise the shell is left unusable.
/// </summary>
internal sealed class TerminalRescue
{
    private const int StandardInput = 0;
    private const int SetNow = 0; // TCSANOW

    // Alternate screen off, mouse reporting off (every mode Terminal.Gui may turn on), bracketed paste off, plain
    // colours, cursor shown.
    private const string Reset = "\u001b[?1003l\u001b[?1002l\u001b[?1000l\u001b[?1015l\u001b[?1006l\u001b[?2004l\u001b[0m\u001b[?25h\u001b[?1049l";

    // struct termios is 60 bytes on Linux and 72 on macOS; it is kept as it came, never read here.
    private readonly byte[]? _saved;

    private int _restored;

    private TerminalRescue(byte[]? saved) => _saved = saved;

    /// <summary>Saves the terminal's line settings (nothing to save when standard input is not a terminal).</summary>
    public static TerminalRescue Capture()
    {
        if (OperatingSystem.IsWindows() || Console.IsInputRedirected)
        {
            return new TerminalRescue(null);
        }

        var settings = new byte[256];
        return new TerminalRescue(GetAttributes(StandardInput, settings) == 0 ? settings : null);
    }

    /// <summary>Restores once: leaving the alternate screen a second time would move the cursor back over whatever was
    /// printed after the first.</summary>
    public void Restore()
    {
        if (Interlocked.Exchange(ref _restored, 1) == 1)
        {
            return;
        }

        Write(Reset);
        if (_saved is not null)
        {
            _ = SetAttributes(StandardInput, SetNow, _saved);
        }
    }

    private static void Write(string sequence)
    {
        try
        {
            Console.Out.Write(sequence);
            Console.Out.Flush();
        }
        catch (IOException)
        {
            // The terminal is gone: nothing to restore.
        }
    }

    [DllImport("libc", EntryPoint = "tcgetattr")]
    private static extern int GetAttributes(int descriptor, [Out] byte[] settings);

    [DllImport("libc", EntryPoint = "tcsetattr")]
    private static extern int SetAttributes(int descriptor, int when, [In] byte[] settings);
}
