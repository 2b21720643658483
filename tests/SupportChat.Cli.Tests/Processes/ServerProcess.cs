using System.Net;
using System.Net.Sockets;

namespace SupportChat.Cli.Tests.Processes;

/// <summary><c>supportchat serve</c> as a real process on free loopback ports, with a temporary data folder.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>What the server logs once it serves: the store is open and open conversations are recovered.</summary>
    public const string ReadyMarker = "SupportChat ready on";

    private const int StartAttempts = 3;

    private int _port = FreePort();
    private int _siloPort = FreePort();
    private int _gatewayPort = FreePort();
    private readonly string[] _departments;
    private string[] _options;
    private readonly string? _postgres;
    private CliProcess? _process;

    // 0: no web listener (the default: every server would want port 5080); otherwise its port.
    private int _webPort;

    private ServerProcess(string[] departments, string[] options, string? postgres = null, bool web = false)
    {
        _departments = departments;
        _options = options;
        _postgres = postgres;
        _webPort = web ? FreePort() : 0;
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "supportchat-cli-" + Guid.NewGuid().ToString("N"));

    public string Url => $"http://127.0.0.1:{_port}";

    /// <summary>The web listener's address (the widget's pages, gRPC-Web), for a server started with
    /// <see cref="StartWithWebAsync"/>; null otherwise.</summary>
    public string? WebUrl => _webPort == 0 ? null : $"http://127.0.0.1:{_webPort}";

    public int SiloPort => _siloPort;

    public int GatewayPort => _gatewayPort;

    /// <summary>The server's standard error (its log) so far, including that of runs killed earlier.</summary>
    public string Log => _earlierLog + (_process?.Errors ?? string.Empty);

    private string _earlierLog = string.Empty;

    public static Task<ServerProcess> StartAsync(params string[] departments) => StartWithAsync(departments, []);

    /// <summary>Starts a server with extra <c>serve</c> options, e.g. ["--agent-grace", "2"].</summary>
    public static async Task<ServerProcess> StartWithAsync(string[] departments, string[] options)
    {
        var server = new ServerProcess(departments, options);
        await server.StartFirstAsync();
        return server;
    }

    /// <summary>A server with a web listener on a free port too (<see cref="WebUrl"/>); extra <c>serve</c> options as above
    /// (e.g. ["--web-origins", "http://localhost:3000"]). Set SUPPORTCHAT_Web__Root in the options' environment, or the
    /// server serves the widget from its build output.</summary>
    public static async Task<ServerProcess> StartWithWebAsync(string[] departments, string[] options)
    {
        var server = new ServerProcess(departments, options, web: true);
        await server.StartFirstAsync();
        return server;
    }

    /// <summary>A cluster node: <c>serve --postgres</c>, advertising loopback to the other nodes.</summary>
    public static async Task<ServerProcess> StartNodeAsync(string connectionString, params string[] options)
    {
        var server = new ServerProcess([], options, connectionString);
        await server.StartFirstAsync();
        return server;
    }

    /// <summary>Waits for a line of the running server's log that contains <paramref name="text"/>.</summary>
    public Task WaitForLogAsync(string text, CancellationToken cancellationToken) => _process!.WaitForStderrAsync(text, cancellationToken);

    /// <summary>kill -9: no shutdown of any kind, as in a crash or an OOM kill.</summary>
    public async Task CrashAsync()
    {
        var process = _process!;
        process.Kill();
        await process.WaitForExitAsync();
        _earlierLog += process.Errors + "\n--- killed ---\n";
        await process.DisposeAsync();
        _process = null;
    }

    /// <summary>Starts again on the same ports and data after a stop or a crash.</summary>
    public Task StartAgainAsync() => StartProcessAsync();

    /// <summary>SIGTERM; returns how long the server took to exit, and checks it exited cleanly.</summary>
    public async Task<TimeSpan> TerminateAsync()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await StopAsync();
        return started.Elapsed;
    }

    /// <summary>Stops the server the way an operator would (SIGTERM via Ctrl+C semantics) and starts it again on the same data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartProcessAsync();
    }

    /// <summary>Stops the server and starts it again on the same data with other <c>serve</c> options (e.g. other
    /// opening hours).</summary>
    public async Task RestartWithAsync(params string[] options)
    {
        await StopAsync();
        _options = options;
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

    public int ProcessId => _process!.Id;

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

    /// <summary>The first start, on ports found free a moment before: another process on the machine (a parallel test
    /// run) may have taken one since ("… is in use" or Kestrel's "address already in use"), and then the server starts again
    /// on new ones. Later starts keep their ports.</summary>
    private async Task StartFirstAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartProcessAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts
                && _process!.Errors.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                await _process.DisposeAsync();
                _process = null;
                (_port, _siloPort, _gatewayPort) = (FreePort(), FreePort(), FreePort());
                _webPort = _webPort == 0 ? 0 : FreePort();
            }
        }
    }

    private async Task StartProcessAsync()
    {
        List<string> args = ["serve", "--urls", Url, "--web-urls", WebUrl ?? "none", "--silo-port", _siloPort.ToString(), "--gateway-port", _gatewayPort.ToString()];
        args.AddRange(_postgres is null ? ["--data", DataDirectory] : ["--postgres", _postgres]);
        if (_departments.Length > 0)
        {
            args.AddRange(["--departments", string.Join(',', _departments)]);
        }

        args.AddRange(_options);

        _process = CliProcess.StartWith(new Dictionary<string, string> { ["SUPPORTCHAT_Orleans__AdvertisedAddress"] = "127.0.0.1" }, [.. args]);
        await _process.WaitForStderrAsync(ReadyMarker);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
