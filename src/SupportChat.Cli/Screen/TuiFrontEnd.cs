using System.Runtime.CompilerServices;
using System.Threading.Channels;
using SupportChat.Cli.Input;
using SupportChat.Cli.Participants;
using SupportChat.Cli.Screen.Views;
using SupportChat.Client.Events;
using Terminal.Gui.App;

namespace SupportChat.Cli.Screen;

/// <summary>
/// What the agent and customer screens share as a front end: the screen opens with the session's first event
/// (so a failure to connect is reported as plain text), every event is applied on the screen's thread, the
/// user's commands come out of one channel, and closing hands the terminal back and prints the last notice.
/// </summary>
internal abstract class TuiFrontEnd : IFrontEnd, IAsyncDisposable
{
    private readonly Channel<InputCommand> _commands = Channel.CreateUnbounded<InputCommand>(new() { SingleReader = true });
    private readonly TuiHost _host;
    private readonly Lock _gate = new();
    private Task? _starting;
    private ChatWindow? _window;

    protected TuiFrontEnd() => _host = new TuiHost(() => Command(new QuitInput()));

    /// <summary>The screen's own view of the session, read and changed only on the screen's thread.</summary>
    protected abstract bool Apply(ChatEvent chatEvent);

    protected abstract void Notice(string message);

    /// <summary>A send shown as pending got its client_msg_id.</summary>
    protected abstract void Queued(SendInput send, string clientMsgId);

    /// <summary>A send shown as pending failed before it reached the server.</summary>
    protected abstract void SendFailed(SendInput send, string code, string message);

    protected abstract ChatWindow Build(IApplication app);

    /// <summary>What to print once the screen is closed (its last notice), or null.</summary>
    protected abstract string? Farewell { get; }

    /// <summary>Sees each event on the session's thread, before the screen does (for what the command needs after the
    /// session is over, which must not depend on when the screen's thread gets to it).</summary>
    protected virtual void Observe(ChatEvent chatEvent)
    {
    }

    public void Show(ChatEvent chatEvent)
    {
        Observe(chatEvent);
        EnsureStarted();
        _host.Post(() =>
        {
            if (Apply(chatEvent))
            {
                Refresh();
            }
        });
    }

    public void ShowProblem(string code, string message)
    {
        if (!_host.Started)
        {
            Console.Error.WriteLine($"error: {message} ({code})");
            return;
        }

        _host.Post(() =>
        {
            Notice($"{code}: {message}");
            Refresh();
        });
    }

    public void ShowNotice(string message)
    {
        if (!_host.Started)
        {
            Console.Error.WriteLine(message);
            return;
        }

        _host.Post(() =>
        {
            Notice(message);
            Refresh();
        });
    }

    public void SendQueued(SendInput send, string clientMsgId) => _host.Post(() =>
    {
        Queued(send, clientMsgId);
        Refresh();
    });

    public void CommandFailed(InputCommand command, string code, string message)
    {
        if (command is not SendInput send)
        {
            ShowProblem(code, message);
            return;
        }

        _host.Post(() =>
        {
            SendFailed(send, code, message);
            Refresh();
        });
    }

    public async IAsyncEnumerable<InputCommand> ReadCommandsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var command in _commands.Reader.ReadAllAsync(cancellationToken))
        {
            yield return command;
            if (command is QuitInput)
            {
                yield break;
            }
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_starting is { } starting)
        {
            await starting.ContinueWith(_ => { }, TaskScheduler.Default);
            await _host.StopAsync();
            if (Farewell is { Length: > 0 } farewell)
            {
                Console.Out.WriteLine(farewell);
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The user asked to leave (the session is closing because of it).</summary>
    public bool Quitting { get; private set; }

    protected void Command(InputCommand command)
    {
        Quitting |= command is QuitInput;
        _commands.Writer.TryWrite(command);
    }

    private void EnsureStarted()
    {
        lock (_gate)
        {
            _starting ??= _host.StartAsync(app =>
            {
                var window = _window = Build(app);
                // Waiting times and typing notices change with the clock alone.
                _ = app.AddTimeout(TimeSpan.FromSeconds(1), () =>
                {
                    Refresh();
                    return true;
                });
                return window;
            });
        }
    }

    private void Refresh() => _window?.Refresh();
}
