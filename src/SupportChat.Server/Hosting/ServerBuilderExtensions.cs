using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using SupportChat.Clustering;
using SupportChat.Domain.Persistence;
using SupportChat.Domain.Reports;
using SupportChat.Grains;
using SupportChat.Server.Canned;
using SupportChat.Grains.Board;
using SupportChat.Grains.Observers;
using SupportChat.Grains.Presence;
using SupportChat.Grains.Queues;
using SupportChat.Server.Configuration;
using SupportChat.Server.Health;
using SupportChat.Server.Metrics;
using SupportChat.Server.Security;
using SupportChat.Server.Services;
using SupportChat.Server.Streams;
using SupportChat.Server.Streams.Browser;
using SupportChat.Server.Streams.Participants;
using SupportChat.Server.Streams.Sessions;
using SupportChat.Server.Streams.Supervisor;
using SupportChat.Storage.Accounts;
using SupportChat.Storage.Postgres;
using SupportChat.Storage.Secrets;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Server.Hosting;

public static class ServerBuilderExtensions
{
    /// <summary>Largest request message accepted: a 4,000-character text is at most ~16 KB of UTF-8; the margin lets an
    /// over-long text (say 100,000 characters) be refused with InvalidArgument while the stream goes on. Far below
    /// gRPC's 4 MB default: a 5 MB message ends the stream with ResourceExhausted.</summary>
    private const int MaxReceiveMessageSize = 256 * 1024;

    public static WebApplicationBuilder AddSupportChatServer(this WebApplicationBuilder builder)
    {
        builder.AddSupportChatLogging();
        builder.Services.AddOptions<ChatOptions>().BindConfiguration(ChatOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.SectionName)
            .Validate(o => o.AgentGrace >= TimeSpan.Zero && o.CustomerGrace >= TimeSpan.Zero, "grace periods must not be negative.")
            .Validate(o => o.EndedLinger >= TimeSpan.Zero, "the ended conversations' linger must not be negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.SectionName)
            .Validate(o => o.QueueLengthInterval >= TimeSpan.Zero, "the queue length interval must not be negative.")
            .ValidateOnStart();
        builder.Services.AddOptions<HoursOptions>().BindConfiguration(HoursOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SqliteStoreOptions>().BindConfiguration("Store");
        builder.Services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.SectionName);
        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.SectionName);
        builder.Services.AddOptions<WebOptions>().BindConfiguration(WebOptions.SectionName)
            .Validate(o => o.ExtraOrigins() is not null, "Web:Origins must list origins (scheme://host[:port]).")
            .ValidateOnStart();
        var postgres = builder.Configuration.GetSection(PostgresOptions.SectionName).Get<PostgresOptions>() ?? new PostgresOptions();
        builder.AddKestrelDefaults();
        builder.AddChatStore(postgres);
        builder.AddSilo(postgres);

        // Open streams are closed as shutdown begins; this bounds what is left (Orleans, the store).
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DepartmentCatalog>();
        builder.Services.AddSingleton<IChatGrains, OrleansChatGrains>();
        builder.Services.AddSingleton<LocalObservers>(); // this node's streams, which its grains call directly
        builder.Services.AddSingleton<BoardReports>(); // rows changed by messages, sent to the board together
        builder.Services.AddSingleton<OpenSessions>();
        builder.Services.AddSingleton<SessionFactory>();
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddSingleton<AdminAccess>();
        builder.Services.AddSingleton<BoardWatch>();
        builder.Services.AddSingleton<IReportStore>(sp => (IReportStore)sp.GetRequiredService<IChatStore>());
        builder.Services.AddSingleton<AgentAuthenticator>();
        builder.Services.AddSingleton<JoinLimiter>();
        builder.Services.AddSingleton<ConversationRecovery>();
        builder.Services.AddHostedService<ClusterWatch>();
        builder.Services.AddSingleton<ParticipantStreamRunner>();
        builder.Services.AddSingleton<CustomerRole>();
        builder.Services.AddSingleton<AgentRole>();
        builder.Services.AddSingleton<BrowserStreams>();
        builder.Services.AddCannedReplies();
        builder.Services.AddCors();
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxReceiveMessageSize;
            o.Interceptors.Add<ErrorMetricsInterceptor>();
            o.Interceptors.Add<MalformedRequestInterceptor>();
            o.EnableDetailedErrors = false;
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName);
        builder.Services.AddGrpcHealthChecks().AddSupportChatHealthChecks();
        builder.AddSupportChatMetrics();
        builder.AddEventFeed();
        return builder;
    }

    public static WebApplication MapSupportChat(this WebApplication app)
    {
        app.UseOpsAccess();
        app.UseWebListener();
        app.MapOpsEndpoints();
        app.MapGrpcService<SupportChatService>();
        app.MapGrpcService<SupervisorService>();

        // gRPC-Web is translated only on the web listener (WebPipeline); these two are what a browser may call there.
        app.MapGrpcService<BrowserCustomerService>().EnableGrpcWeb();
        app.MapGrpcService<HistoryService>().EnableGrpcWeb();
        app.MapGrpcService<ReportsService>();
        app.MapEventFeed();
        app.MapGrpcService<CannedRepliesService>();
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>History, accounts and the session key: all in SQLite and the data folder, or all in PostgreSQL.</summary>
    private static void AddChatStore(this WebApplicationBuilder builder, PostgresOptions postgres)
    {
        if (postgres.Enabled)
        {
            builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(postgres.ConnectionString!));
            builder.Services.AddSingleton(sp => new PostgresChatStore(sp.GetRequiredService<NpgsqlDataSource>())
            {
                Committed = sp.GetRequiredService<SupportChatMetrics>().Committed,
            });
            builder.Services.AddSingleton<IChatStore>(sp => sp.GetRequiredService<PostgresChatStore>());
            builder.Services.AddSingleton<IAccountStore>(sp => new PostgresAccounts(sp.GetRequiredService<NpgsqlDataSource>()));
            builder.Services.AddSingleton<ISecretStore>(sp => new PostgresSecretStore(sp.GetRequiredService<NpgsqlDataSource>()));
            return;
        }

        // Whatever is resolved first takes the data folder before it opens anything in it; the container releases it
        // last, after the store has flushed. The account commands open the folder without it: they may run beside a server.
        builder.Services.AddSingleton(sp => DataFolderLock.Acquire(sp.GetRequiredService<IOptions<SqliteStoreOptions>>().Value.DataDirectory));
        builder.Services.AddSingleton(sp => new SqliteChatStore(HeldStoreOptions(sp))
        {
            Committed = sp.GetRequiredService<SupportChatMetrics>().Committed,
        });
        builder.Services.AddSingleton<IChatStore>(sp => sp.GetRequiredService<SqliteChatStore>());
        builder.Services.AddSingleton<IAccountStore>(sp => new SqliteAccounts(HeldStoreOptions(sp)));
        builder.Services.AddSingleton<ISecretStore>(sp => new FileSecretStore(HeldStoreOptions(sp).DataDirectory));
    }

    private static SqliteStoreOptions HeldStoreOptions(IServiceProvider services)
    {
        services.GetRequiredService<DataFolderLock>();
        return services.GetRequiredService<IOptions<SqliteStoreOptions>>().Value;
    }

    /// <summary>A single node clusters with itself on localhost; with PostgreSQL, nodes find each other through its
    /// membership tables and watch each other with fast probes, so a dead node is noticed within seconds.</summary>
    private static void AddSilo(this WebApplicationBuilder builder, PostgresOptions postgres)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        if (silo.DirectoryCacheSize < 3)
        {
            throw new InvalidOperationException($"Orleans:DirectoryCacheSize must be at least 3 (Orleans' least), not {silo.DirectoryCacheSize}.");
        }

        builder.UseOrleans(orleans =>
        {
            orleans.AddIncomingGrainCallFilter<ChatExceptionFilter>();
            orleans.Configure<GrainDirectoryOptions>(o => o.CacheSize = silo.DirectoryCacheSize);
            if (MetricsOptions.TracingEnabled(builder.Configuration))
            {
                orleans.AddActivityPropagation(); // grain calls carry the caller's trace, so their spans are its children
            }

            if (!postgres.Enabled)
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, null, silo.ServiceId, silo.ClusterId);
                return;
            }

            orleans.UsePostgresClustering(postgres.ConnectionString!)
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId))
                .Configure<ClusterMembershipOptions>(o =>
                {
                    o.ProbeTimeout = silo.ProbeTimeout;
                    o.NumMissedProbesLimit = silo.MissedProbesLimit;
                })
                .ConfigureEndpoints(AdvertisedAddress(silo), silo.SiloPort, silo.GatewayPort, listenOnAnyHostAddress: true);
        });
    }

    private static IPAddress AdvertisedAddress(SiloOptions silo)
    {
        if (string.IsNullOrWhiteSpace(silo.AdvertisedAddress))
        {
            return Dns.GetHostAddresses(Dns.GetHostName())
                .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)) ?? IPAddress.Loopback;
        }

        return IPAddress.TryParse(silo.AdvertisedAddress, out var address)
            ? address
            : throw new InvalidOperationException($"Orleans:AdvertisedAddress '{silo.AdvertisedAddress}' is not an IP address.");
    }
}
