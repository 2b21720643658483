using System.Runtime.InteropServices;

namespace SupportChat.Cli.Exit;

/// <summary>
/// A token cancelled by Ctrl+C or SIGTERM, so a participant can leave cleanly instead of vanishing. Leaving is
/// bounded: a second signal, or <see cref="MustEndWithin"/> after the first, ends the process at once (exit code 1);
/// the exit still runs the process's exit handlers, which give the terminal back.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    /// <summary>Longer than a clean leave may take (the server's confirmation, closing the screen).</summary>
    public static readonly TimeSpan MustEndWithin = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private Timer? _deadline;

    public ShutdownSignal()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _cts.Token;

    public bool Signalled => _cts.IsCancellationRequested;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _deadline?.Dispose();
        _cts.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_cts.IsCancellationRequested)
        {
            // A second signal while leaving means "now".
            Environment.Exit(ExitCodes.Failed);
        }

        _deadline = new Timer(_ => Environment.Exit(ExitCodes.Failed), null, MustEndWithin, Timeout.InfiniteTimeSpan);
        _cts.Cancel();
    }
}
