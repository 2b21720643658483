using System.Runtime.InteropServices;

namespace SupportChat.Cli.Exit;

/// <summary>A token cancelled by Ctrl+C or SIGTERM, so a participant can leave cleanly instead of vanishing.</summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public ShutdownSignal()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cts.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // A second signal while leaving means "now": let the default handling end the process.
        if (_cts.IsCancellationRequested)
        {
            return;
        }

        context.Cancel = true;
        _cts.Cancel();
    }
}
