using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen;

/// <summary>
/// Runs a Terminal.Gui application on a thread of its own, so the session's events (on other threads) reach the
/// screen through <see cref="Post"/>. When the user closes the screen by the toolkit's own quit key,
/// <paramref name="closedByUser"/> is called.
/// </summary>
internal sealed class TuiHost(Action closedByUser)
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<Action> _early = [];
    private IApplication? _app;
    private volatile bool _stopping;

    public bool Started => _app is not null;

    /// <summary>Starts the screen that <paramref name="build"/> makes; returns once it is up.</summary>
    public Task StartAsync(Func<IApplication, Window> build)
    {
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
            else if (!_stopped.Task.IsCompleted)
            {
                _app.Invoke(action);
            }
        }
    }

    /// <summary>Closes the screen and gives the terminal back.</summary>
    public async Task StopAsync()
    {
        if (_app is not { } app)
        {
            return;
        }

        _stopping = true;
        app.Invoke(() => app.RequestStop());
        await _stopped.Task.WaitAsync(StopTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
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
            _started.TrySetResult();
            _stopped.TrySetResult();
        }
    }
}
