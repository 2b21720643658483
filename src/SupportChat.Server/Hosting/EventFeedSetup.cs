using SupportChat.Server.Events;
using SupportChat.Server.Services;
using SupportChat.Server.Webhooks;
using SupportChat.Storage;
using SupportChat.Storage.Postgres;
using SupportChat.Storage.Sqlite;
using SupportChat.Storage.Webhooks;

namespace SupportChat.Server.Hosting;

/// <summary>The event feed (EventFeed service) and webhook delivery, over whichever store the server uses.</summary>
internal static class EventFeedSetup
{
    public static WebApplicationBuilder AddEventFeed(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EventFeedOptions>().BindConfiguration(EventFeedOptions.SectionName)
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.DeliveryTimeout > TimeSpan.Zero && o.FirstRetryDelay > TimeSpan.Zero
                && o.MaxRetryDelay >= o.FirstRetryDelay && o.LeaseDuration > TimeSpan.Zero && o.RescanInterval > TimeSpan.Zero,
                "EventFeed: intervals must be positive, and MaxRetryDelay at least FirstRetryDelay.")
            .ValidateOnStart();

        // The concrete store, whichever it is (IChatStore may be wrapped, by tests say): the feed needs its commit pulse
        // and its webhooks tables.
        builder.Services.AddSingleton<DbChatStore>(sp => sp.GetService<SqliteChatStore>() ?? (DbChatStore)sp.GetRequiredService<PostgresChatStore>());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<DbChatStore>().EventCommits);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<DbChatStore>().Webhooks);
        builder.Services.AddSingleton<WebhookPoster>();
        builder.Services.AddHostedService<WebhookDispatcher>();
        return builder;
    }

    public static WebApplication MapEventFeed(this WebApplication app)
    {
        app.MapGrpcService<EventFeedService>();
        return app;
    }
}
