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

    /// <summary>Creates the store's schema before the first stream can reach it, then starts listening.</summary>
    public static async Task StartAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<IChatStore>().InitializeAsync(cancellationToken);
        await app.Services.GetRequiredService<SessionTokens>().InitializeAsync(cancellationToken);
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

        var departments = string.Join(", ", app.Services.GetRequiredService<DepartmentCatalog>().All);
        var postgres = app.Services.GetRequiredService<IOptions<PostgresOptions>>().Value;
        if (!postgres.Enabled)
        {
            ServerLog.Started(logger, app.Services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.DatabasePath, departments);
            return;
        }

        ServerLog.Started(logger, PostgresConnectionStrings.Describe(postgres.ConnectionString!), departments);
        var silo = app.Services.GetRequiredService<ILocalSiloDetails>();
        ServerLog.ClusterNode(logger, silo.SiloAddress.ToString(), silo.ClusterId);
    }

    private static readonly Dictionary<string, string?> DefaultSettings = new()
    {
        ["Urls"] = "http://127.0.0.1:5000",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Microsoft.Orleans"] = "Warning",

        // gRPC logs each request at Information, and a client's reset of its stream ("Error reading message") with a
        // stack trace: routine for a chat whose clients come and go. The streams log what an operator reads themselves.
        ["Logging:LogLevel:Grpc"] = "Warning",
    };
}
