namespace SupportChat.Storage.Webhooks;

/// <summary>Webhooks and where their delivery stands, kept with the history so that delivery survives restarts and any
/// node of a cluster can take it over.</summary>
public interface IWebhookStore
{
    /// <summary>Adds a webhook that starts after the last event stored now; returns it with that cursor.</summary>
    Task<WebhookRecord> AddAsync(string id, string url, IReadOnlyList<string> kinds, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Every webhook, oldest first, with its number of failed events.</summary>
    Task<IReadOnlyList<WebhookRecord>> ListAsync(CancellationToken cancellationToken);

    Task<WebhookRecord?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Removes the webhook and its failures; false when there was none.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>Failed events in cursor order: one webhook's, or every webhook's when <paramref name="webhookId"/> is null.</summary>
    Task<IReadOnlyList<FailedDelivery>> ListFailedAsync(string? webhookId, CancellationToken cancellationToken);

    /// <summary>Queues the webhook's failed events again; returns how many.</summary>
    Task<int> RetryFailedAsync(string webhookId, CancellationToken cancellationToken);

    /// <summary>Takes or renews the right to deliver the webhook until <paramref name="until"/>: true when it is free,
    /// expired or already this node's.</summary>
    Task<bool> TryLeaseAsync(string webhookId, string node, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Gives the lease up (on shutdown), so another node need not wait for it to expire.</summary>
    Task ReleaseLeaseAsync(string webhookId, string node, CancellationToken cancellationToken);

    /// <summary>The event after the cursor failed again: keeps when it first failed and how often, for after a restart.</summary>
    Task RecordFailingAsync(string webhookId, DateTimeOffset failingSince, int attempts, CancellationToken cancellationToken);

    /// <summary>Everything up to <paramref name="cursor"/> is handled (delivered, or not of the webhook's kinds).</summary>
    Task AdvanceAsync(string webhookId, long cursor, CancellationToken cancellationToken);

    /// <summary>Sets the event at <paramref name="failure"/>'s cursor aside as failed and moves past it, in one
    /// transaction; a redelivered failure that failed again is kept with its new figures.</summary>
    Task SetAsideAsync(FailedDelivery failure, bool advance, CancellationToken cancellationToken);

    /// <summary>A queued-again failure was delivered: it is no longer failed.</summary>
    Task ForgetFailureAsync(string webhookId, long cursor, CancellationToken cancellationToken);
}
