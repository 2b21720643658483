using Microsoft.Extensions.Options;
using SupportChat.Domain.Persistence;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Security;
using SupportChat.Storage.Accounts;
using SupportChat.Storage.Postgres;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Server.Hosting;

/// <summary>Builds and runs a SupportChat server; used by `supportchat serve` and by the end-to-end tests.</summary>
public static class SupportChatHost
{
    /// <param name="settings">Configuration keys that override appsettings and environment, e.g. "Store:DataDirectory".</param>
    /// <param name="configure">Last say over the builder before it is built (tests add loggers here).</param>
    public static WebApplication Build(IReadOnlyDictionary<string, string?> settings, string[]? args = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(DefaultSettings);
        builder.Configuration.AddEnvironmentVariables("SUPPORTCHAT_");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSupportChatServer();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapSupportChat();
        return app;
    }

    /// <summary>Builds the server and starts it (<see cref="StartAsync"/>).</summary>
    /// <exception cref="ServerStartException">It could not start for a reason the operator can fix.</exception>
    public static async Task<WebApplication> StartNewAsync(IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        try
        {
            var app = Build(settings);
            await StartAsync(app, cancellationToken);
            return app;
        }
        catch (Exception ex) when (ServerStartException.From(ex) is { } failure)
        {
            throw failure;
        }
    }

    /// <summary>Takes the data folder and creates the store's schema before the first stream can reach it, checks the
    /// silo's ports, then starts listening; says so in one line once streams may come.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var postgres = app.Services.GetRequiredService<IOptions<PostgresOptions>>().Value;
        await app.Services.GetRequiredService<IChatStore>().InitializeAsync(cancellationToken);
        await app.Services.GetRequiredService<SessionTokens>().InitializeAsync(cancellationToken);
        SiloPortCheck.EnsureFree(app.Services.GetRequiredService<IOptions<SiloOptions>>().Value, anyAddress: postgres.Enabled);
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<ConversationRecovery>().RecoverAsync(cancellationToken);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SupportChat.Server");
        foreach (var exposed in app.Services.GetRequiredService<ListenFacts>().InsecureExposed)
        {
            ServerLog.InsecureListen(logger, exposed.ToString());
        }

        var listen = app.Services.GetRequiredService<ListenFacts>();
        if (!await app.Services.GetRequiredService<IAccountStore>().AnyAsync(AccountRole.Agent, cancellationToken))
        {
            if (listen.LoopbackOnly)
            {
                ServerLog.OpenMode(logger);
            }
            else
            {
                ServerLog.NoAgentAccounts(logger);
            }
        }

        if (postgres.Enabled)
        {
            var silo = app.Services.GetRequiredService<ILocalSiloDetails>();
            ServerLog.ClusterNode(logger, silo.SiloAddress.ToString(), silo.ClusterId);
        }

        // The last line of the start, and the one scripts and tests wait for: streams may come from here on.
        var departments = string.Join(", ", app.Services.GetRequiredService<DepartmentCatalog>().All);
        var store = postgres.Enabled
            ? PostgresConnectionStrings.Describe(postgres.ConnectionString!)
            : app.Services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.DatabasePath;
        var web = app.Services.GetRequiredService<WebListener>();
        var webOptions = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        if (web.Enabled && !Directory.Exists(webOptions.RootFolder))
        {
            ServerLog.WidgetNotBuilt(logger, webOptions.RootFolder);
        }

        var metrics = app.Services.GetRequiredService<MetricsListener>();
        var grpcAddresses = app.Urls.Where(url => !web.Addresses.Concat(metrics.Addresses).Any(w => new Uri(url).Port == w.Port));
        var webAddresses = web.Enabled
            ? "web on " + string.Join(", ", web.Addresses.Select(a => a.GetLeftPart(UriPartial.Authority)))
            : "no web listener";
        if (metrics.Enabled)
        {
            // After the web part, so the line still starts with the gRPC addresses that scripts read.
            webAddresses += "; metrics on " + string.Join(", ", metrics.Addresses.Select(a => a.GetLeftPart(UriPartial.Authority)));
        }
        ServerLog.Ready(logger, string.Join(", ", grpcAddresses), webAddresses, store, departments);
        app.Lifetime.ApplicationStopping.Register(() => ServerLog.Stopping(logger));
    }

    private static readonly Dictionary<string, string?> DefaultSettings = new()
    {
        ["Urls"] = "http://127.0.0.1:5000",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Microsoft.Orleans"] = "Warning",

        // Orleans places grains through a Polly pipeline, which logs every attempt at Information; a retried attempt is
        // a Warning and still shows.
        ["Logging:LogLevel:Polly"] = "Warning",

        // Orleans' watchdog can check before it has set its first timestamp, and then warns at start of a stall as long
        // as the machine has been up. Its real stall warnings go too: on a busy machine they only said it was busy.
        ["Logging:LogLevel:Orleans.Runtime.Watchdog"] = "Error",

        // The host's lifetime lines (listening on, started, environment, the binaries' folder) are covered by the one
        // ready line SupportChat logs itself, and a failed start is one line from `serve`, not the host's stack trace.
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Hosting.Internal.Host"] = "Critical",

        // gRPC logs each request at Information, and a client's reset of its stream ("Error reading message") with a
        // stack trace: routine for a chat whose clients come and go. The streams log what an operator reads themselves.
        ["Logging:LogLevel:Grpc"] = "Warning",
    };
}
