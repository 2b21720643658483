using System.Text;
using System.Threading.Channels;
using SupportChat.Cli.Input;

namespace SupportChat.Cli.Plain;

/// <summary>
/// The plain front end's console. On an interactive terminal it edits the input line itself, so a message
/// arriving while the user types is printed above the prompt and the half-typed line is redrawn intact.
/// When input or output is redirected it simply reads and writes lines.
/// </summary>
internal sealed class LineTerminal
{
    private const string ClearLine = "\r\u001b[2K";
    private readonly Lock _gate = new();
    private readonly StringBuilder _buffer = new();
    private string _prompt = "> ";
    private bool _closed;

    public LineTerminal()
    {
        Interactive = !Console.IsInputRedirected && !Console.IsOutputRedirected;
        Colors = !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
    }

    public bool Interactive { get; }

    public bool Colors { get; }

    public string Prompt
    {
        get => _prompt;
        set
        {
            lock (_gate)
            {
                _prompt = value;
                if (Interactive && !_closed)
                {
                    Console.Out.Write(ClearLine + Paint(_prompt, Ansi.Dim) + _buffer);
                }
            }
        }
    }

    public void WriteLine(string text)
    {
        lock (_gate)
        {
            if (Interactive && !_closed)
            {
                Console.Out.Write(ClearLine + text + "\n" + Paint(_prompt, Ansi.Dim) + _buffer);
            }
            else
            {
                Console.Out.WriteLine(text);
            }

            Console.Out.Flush();
        }
    }

    public string Paint(string text, string color) => Colors ? color + text + Ansi.Reset : text;

    /// <summary>The session is over: the prompt line is cleared, so the shell's prompt starts on an empty line, and
    /// whatever is still written comes without a prompt after it.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (Interactive && !_closed)
            {
                Console.Out.Write(ClearLine);
                Console.Out.Flush();
            }

            _closed = true;
        }
    }

    /// <summary>Lines the user entered, until end of input (Ctrl+D on an empty line).</summary>
    public ChannelReader<string> ReadLines()
    {
        if (!Interactive)
        {
            return StdinLines.Start();
        }

        return StdinLines.Start(lines =>
        {
            Prompt = _prompt;
            ReadKeys(lines);
        });
    }

    private void ReadKeys(ChannelWriter<string> lines)
    {
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            string? entered = null;
            lock (_gate)
            {
                switch (key.Key)
                {
                    case ConsoleKey.Enter:
                        entered = _buffer.ToString();
                        _buffer.Clear();
                        // The line goes away; what was sent comes back as a message line once the server has it.
                        Console.Out.Write(ClearLine + Paint(_prompt, Ansi.Dim));
                        break;
                    case ConsoleKey.Backspace when _buffer.Length > 0:
                        _buffer.Length--;
                        Console.Out.Write("\b \b");
                        break;
                    case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && _buffer.Length == 0:
                        Console.Out.Write("\n");
                        return;
                    default:
                        if (!char.IsControl(key.KeyChar))
                        {
                            _buffer.Append(key.KeyChar);
                            Console.Out.Write(key.KeyChar);
                        }

                        break;
                }

                Console.Out.Flush();
            }

            if (entered is not null)
            {
                lines.TryWrite(entered);
            }
        }
    }
}
