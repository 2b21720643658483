using SupportChat.Domain.Canned;
using SupportChat.Domain.Persistence;

namespace SupportChat.Server.Canned;

internal static class CannedRepliesSetup
{
    /// <summary>The store's canned replies (the chat store's database), and this node's feed of them to its agents.</summary>
    public static IServiceCollection AddCannedReplies(this IServiceCollection services)
    {
        services.AddSingleton<ICannedReplyStore>(sp => (ICannedReplyStore)sp.GetRequiredService<IChatStore>());
        services.AddSingleton<CannedRepliesFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<CannedRepliesFeed>());
        return services;
    }
}
