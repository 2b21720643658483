using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen;

/// <summary>
/// Runs a Terminal.Gui application on a thread of its own, so the session's events (on other threads) reach the
/// screen through <see cref="Post"/>. When the user closes the screen by the toolkit's own quit key,
/// <paramref name="closedByUser"/> is called. Whatever happens, the terminal is given back: by the toolkit when it
/// stops, otherwise by a <see cref="TerminalRescue"/> (the screen did not stop in time, or the process is exiting
/// with the screen still up).
/// </summary>
internal sealed class TuiHost(Action closedByUser)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StopAtExitTimeout = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<Action> _early = [];
    private IApplication? _app;
    private TerminalRescue? _rescue;
    private volatile bool _stopping;
    private bool _closed;

    public bool Started => _app is not null;

    /// <summary>Starts the screen that <paramref name="build"/> makes; returns once it is up.</summary>
    public Task StartAsync(Func<IApplication, Window> build)
    {
        _rescue = TerminalRescue.Capture();
        AppDomain.CurrentDomain.ProcessExit += StopAtExit;
        var thread = new Thread(() => Run(build)) { IsBackground = true, Name = "screen" };
        thread.Start();
        return _started.Task;
    }

    /// <summary>Runs <paramref name="action"/> on the screen's thread, in order; what comes before the screen is up
    /// waits for it (dropped once the screen is gone).</summary>
    public void Post(Action action)
    {
        lock (_gate)
        {
            if (_app is null)
            {
                _early.Add(action);
            }
            else if (!_closed)
            {
                _app.Invoke(action);
            }
        }
    }

    /// <summary>Closes the screen and gives the terminal back.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
        {
            return; // never started
        }

        // Closed already (by the toolkit's own quit): still wait for its thread to give the terminal back.
        RequestStop();
        var stopped = await _stopped.Task.WaitAsync(StopTimeout).ContinueWith(t => t.IsCompletedSuccessfully, TaskScheduler.Default);
        if (!stopped)
        {
            _rescue?.Restore();
        }
    }

    /// <summary>The process is exiting (a second Ctrl+C or SIGTERM, a deadline): stop the screen if it can, else rescue.</summary>
    private void StopAtExit(object? sender, EventArgs e)
    {
        if (_stopped.Task.IsCompleted)
        {
            return;
        }

        RequestStop();
        if (!_stopped.Task.Wait(StopAtExitTimeout))
        {
            _rescue?.Restore();
        }
    }

    /// <summary>Asks the screen's thread to stop, unless the screen never started or has closed already.</summary>
    private void RequestStop()
    {
        lock (_gate)
        {
            _stopping = true;
            if (_app is { } app && !_closed)
            {
                app.Invoke(() => app.RequestStop());
            }
        }
    }

    private void Run(Func<IApplication, Window> build)
    {
        try
        {
            using var app = Application.Create();
            app.Init();
            using var window = build(app);
            lock (_gate)
            {
                _app = app;
                foreach (var action in _early)
                {
                    app.Invoke(action);
                }

                _early.Clear();
            }

            app.Iteration += (_, _) => _started.TrySetResult();
            app.Run(window);
            lock (_gate)
            {
                // The application is disposed next: nothing may be invoked on it any more.
                _closed = true;
            }

            if (!_stopping)
            {
                closedByUser();
            }
        }
        catch (Exception ex)
        {
            _started.TrySetException(ex);
            Console.Error.WriteLine($"error: the full-screen interface failed ({ex.Message}); use --plain.");
            if (!_stopping)
            {
                closedByUser();
            }
        }
        finally
        {
            AppDomain.CurrentDomain.ProcessExit -= StopAtExit;
            _started.TrySetResult();
            _stopped.TrySetResult();
        }
    }
}
