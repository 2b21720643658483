using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SupportChat.Server.Hosting;

namespace SupportChat.EndToEnd.Tests;

/// <summary>A real server on a loopback port with a real SQLite file, restartable on the same data folder.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private WebApplication? _app;

    private readonly IReadOnlyDictionary<string, string?> _extraSettings;
    private readonly Action<WebApplicationBuilder>? _configure;

    private TestServer(string dataDirectory, string[] departments, IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        DataDirectory = dataDirectory;
        Departments = departments;
        _extraSettings = settings ?? new Dictionary<string, string?>();
        _configure = configure;
    }

    public string DataDirectory { get; }

    public string[] Departments { get; }

    public string Url { get; private set; } = string.Empty;

    public static async Task<TestServer> StartAsync(string? dataDirectory = null, params string[] departments)
    {
        var server = new TestServer(dataDirectory ?? NewDataDirectory(), departments.Length == 0 ? ["general"] : departments);
        await server.StartAsync();
        return server;
    }

    /// <summary>A server with extra configuration (e.g. "Chat:AgentGrace") and a last say over its services.</summary>
    public static async Task<TestServer> StartWithAsync(IReadOnlyDictionary<string, string?> settings, Action<WebApplicationBuilder>? configure = null)
    {
        var server = new TestServer(NewDataDirectory(), ["general"], settings, configure);
        await server.StartAsync();
        return server;
    }

    /// <summary>The web listener's first address, when the server was started with "Web:Urls".</summary>
    public string WebUrl => Services.GetRequiredService<WebListener>().Addresses.First().GetLeftPart(UriPartial.Authority);

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the server is not running.");

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "supportchat-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Stops and starts again on the same data folder (and the same port, so clients can come back).</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Starts again after <see cref="StopAsync"/>, on the same port and data.</summary>
    public Task StartAgainAsync() => StartAsync();

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is cleaned up with the temp folder.
        }
    }

    private async Task StartAsync()
    {
        // The silo and gateway ports are found free and then released, so a process of another test assembly running
        // at the same time can take one first: then start again on new ones.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartOnceAsync();
                return;
            }
            catch (Exception ex) when (attempt < 5 && IsAddressInUse(ex))
            {
                await StopAsync();
            }
        }
    }

    private static bool IsAddressInUse(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Connections.AddressInUseException
                || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    private async Task StartOnceAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = Url.Length == 0 ? "http://127.0.0.1:0" : Url,

            // No web listener unless a test asks for one ("Web:Urls"): every server would want the default port 5080.
            ["Web:Urls"] = "none",
            ["Store:DataDirectory"] = DataDirectory,
            ["Orleans:SiloPort"] = FreePort().ToString(),
            ["Orleans:GatewayPort"] = FreePort().ToString(),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        for (var i = 0; i < Departments.Length; i++)
        {
            settings[$"Chat:Departments:{i}"] = Departments[i];
        }

        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        var logFile = Environment.GetEnvironmentVariable("SUPPORTCHAT_TEST_LOG");
        if (logFile is not null)
        {
            settings["Logging:LogLevel:Default"] = "Debug";
        }

        _app = SupportChatHost.Build(settings, configure: builder =>
        {
            if (logFile is not null)
            {
                builder.Logging.AddProvider(new FileLoggerProvider(logFile));
            }

            _configure?.Invoke(builder);
        });
        await SupportChatHost.StartAsync(_app, CancellationToken.None);
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
