using SupportChat.Domain;
using SupportChat.Domain.Events;
using SupportChat.Storage.Webhooks;

namespace SupportChat.Server.Events;

/// <summary>What a webhook may be: an absolute http(s) URL, and known event kinds or the single word "all".</summary>
internal static class WebhookRules
{
    public static string Url(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.UserInfo) || url.Length > 2000)
        {
            throw ChatException.InvalidArgument($"'{url}' is not a webhook URL: give an absolute http:// or https:// URL (without user:password@).");
        }

        return uri.AbsoluteUri;
    }

    public static IReadOnlyList<string> Kinds(IEnumerable<string> given)
    {
        var kinds = given.SelectMany(k => k.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        if (kinds.Count == 0)
        {
            throw ChatException.InvalidArgument($"name the event kinds to deliver, or 'all': {string.Join(", ", ChatEventKinds.All)}.");
        }

        if (kinds.Contains(WebhookRecord.AllKinds))
        {
            return kinds.Count == 1
                ? kinds
                : throw ChatException.InvalidArgument("'all' already takes every kind: give it alone.");
        }

        var unknown = kinds.FirstOrDefault(k => !ChatEventKinds.IsKnown(k));
        return unknown is null
            ? kinds
            : throw ChatException.InvalidArgument($"'{unknown}' is not an event kind: use {string.Join(", ", ChatEventKinds.All)} or 'all'.");
    }

    public static string Id(string id) =>
        string.IsNullOrWhiteSpace(id) ? throw ChatException.InvalidArgument("give the webhook's id ('admin webhooks list' shows them).") : id;
}
