using System.Net;
using System.Net.Sockets;

namespace SupportChat.Cli.Tests.Processes;

/// <summary><c>supportchat serve</c> as a real process on free loopback ports, with a temporary data folder.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly int _port = FreePort();
    private readonly int _siloPort = FreePort();
    private readonly int _gatewayPort = FreePort();
    private readonly string[] _departments;
    private CliProcess? _process;

    private ServerProcess(string[] departments) => _departments = departments;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "supportchat-cli-" + Guid.NewGuid().ToString("N"));

    public string Url => $"http://127.0.0.1:{_port}";

    public static async Task<ServerProcess> StartAsync(params string[] departments)
    {
        var server = new ServerProcess(departments);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Stops the server the way an operator would (SIGTERM via Ctrl+C semantics) and starts it again on the same data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        System.Diagnostics.Process.Start("kill", ["-TERM", ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        Assert.Equal(0, await _process.WaitForExitAsync());
        await _process.DisposeAsync();
        _process = null;
    }

    private int ProcessId => _process!.Id;

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own cleanup.
        }
    }

    private async Task StartProcessAsync()
    {
        List<string> args = ["serve", "--urls", Url, "--data", DataDirectory, "--silo-port", _siloPort.ToString(), "--gateway-port", _gatewayPort.ToString()];
        if (_departments.Length > 0)
        {
            args.AddRange(["--departments", string.Join(',', _departments)]);
        }

        _process = CliProcess.Start([.. args]);
        await _process.WaitForStderrAsync("Application started");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
