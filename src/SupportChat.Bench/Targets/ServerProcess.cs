using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace SupportChat.Bench.Targets;

/// <summary>
/// A server the bench starts for itself: this same program in a separate process on free loopback ports, so
/// its CPU time and memory are measured apart from the load generator's. Killed (and its data removed) on dispose.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string? _dataDirectory;
    private TimeSpan _cpuMark;

    private ServerProcess(Process process, string url, string? dataDirectory)
    {
        _process = process;
        Url = url;
        _dataDirectory = dataDirectory;
    }

    public string Url { get; }

    /// <summary>The chat server on a fresh data folder, with the per-participant send limit and the per-connection
    /// join limit raised out of the way (a bench measures the relay, not the abuse limits) and the given departments.</summary>
    public static Task<ServerProcess> StartChatAsync(IReadOnlyList<string> departments, CancellationToken token)
    {
        var data = Path.Combine(Path.GetTempPath(), "supportchat-bench", Guid.NewGuid().ToString("N"));
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var args = new List<string>
        {
            "serve", "--urls", url, "--web-urls", "none", "--data", data, "--departments", string.Join(',', departments),
            "--silo-port", FreePort().ToString(CultureInfo.InvariantCulture),
            "--gateway-port", FreePort().ToString(CultureInfo.InvariantCulture),
        };
        var environment = new Dictionary<string, string>
        {
            ["SUPPORTCHAT_Chat__SendRatePerSecond"] = "100000",
            ["SUPPORTCHAT_Chat__SendBurst"] = "100000",
            // The per-connection join limit too: a soak opens thousands of streams, each connection's share at once.
            ["SUPPORTCHAT_Chat__JoinRatePerConnection"] = "100000",
            ["SUPPORTCHAT_Chat__JoinBurstPerConnection"] = "100000",
            ["SUPPORTCHAT_Logging__LogLevel__Default"] = "Warning",
        };
        return StartAsync(args, environment, url, data, token);
    }

    /// <summary>The bare-gRPC relay the chat server is compared with.</summary>
    public static Task<ServerProcess> StartBaselineAsync(CancellationToken token)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        return StartAsync(["bench", "relay-baseline", "--urls", url], new Dictionary<string, string>(), url, null, token);
    }

    /// <summary>Starts counting CPU time from now.</summary>
    public void MarkCpu()
    {
        _process.Refresh();
        _cpuMark = _process.TotalProcessorTime;
    }

    /// <summary>CPU seconds used since <see cref="MarkCpu"/>.</summary>
    public double CpuSecondsSinceMark()
    {
        _process.Refresh();
        return (_process.TotalProcessorTime - _cpuMark).TotalSeconds;
    }

    /// <summary>Resident memory now, in bytes.</summary>
    public long ResidentBytes() => ReadStatus("VmRSS:") ?? RefreshedWorkingSet();

    /// <summary>The most resident memory the process has had, in bytes.</summary>
    public long PeakResidentBytes() => ReadStatus("VmHWM:") ?? RefreshedWorkingSet();

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless.
            }
        }
    }

    private static async Task<ServerProcess> StartAsync(List<string> args, Dictionary<string, string> environment, string url, string? data,
        CancellationToken token)
    {
        var start = SelfStart(args);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new ServerProcess(process, url, data);
        try
        {
            await WaitUntilListeningAsync(process, new Uri(url).Port, token);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            lock (errors)
            {
                throw new InvalidOperationException($"the bench's server did not start: {errors.ToString().Trim()}");
            }
        }
    }

    /// <summary>This program again: through `dotnet supportchat.dll` when that is how it runs, else its own executable.</summary>
    private static ProcessStartInfo SelfStart(List<string> args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell which program is running.");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // The bench runs inside the supportchat program, which serves too.
            start.ArgumentList.Add(System.Reflection.Assembly.GetEntryAssembly()?.Location
                ?? throw new InvalidOperationException("cannot tell which program is running."));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    private static async Task WaitUntilListeningAsync(Process process, int port, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"exited with code {process.ExitCode}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, token);
                return;
            }
            catch (SocketException)
            {
                // Not listening yet: polling is the only signal another process gives.
                await Task.Delay(100, token);
            }
        }

        throw new TimeoutException("not listening after 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private long? ReadStatus(string field)
    {
        var path = $"/proc/{_process.Id}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }

    private long RefreshedWorkingSet()
    {
        _process.Refresh();
        return _process.WorkingSet64;
    }
}
