using Microsoft.Extensions.Logging;
using SupportChat.Domain.Events;
using SupportChat.Domain.Persistence;
using SupportChat.Server.Events;
using SupportChat.Storage;
using SupportChat.Storage.Webhooks;

namespace SupportChat.Server.Webhooks;

/// <summary>
/// Delivers one webhook's events, one at a time and in cursor order, at least once: an event counts as handled (the
/// stored cursor moves past it) only after a 2xx, or after it has failed for <see cref="EventFeedOptions.GiveUpAfter"/>
/// (then it is set aside in the failed list and the next one goes). Failed events an admin queued again go first. The
/// cursor, the failing event's first failure and its attempt count are in the store, so a restart (or another node)
/// goes on where this one stopped. Runs only while this node holds the webhook's lease.
/// </summary>
internal sealed class WebhookDelivery(
    string webhookId, string node, DbChatStore store, IWebhookStore webhooks, byte[] secret, WebhookPoster poster, TimeProvider time,
    EventFeedOptions options, ILogger logger)
{
    private const int PageSize = 200;
    private DateTimeOffset _leaseRenewedAt = DateTimeOffset.MinValue;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var leased = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!await RenewLeaseAsync(cancellationToken))
                {
                    leased = false;
                    await WaitAsync(options.LeaseDuration / 3, null, cancellationToken);
                    continue;
                }

                var webhook = await webhooks.FindAsync(webhookId, cancellationToken);
                if (webhook is null)
                {
                    return; // removed
                }

                if (!leased)
                {
                    leased = true;
                    WebhookLog.Delivering(logger, webhookId, webhook.Cursor);
                }

                var committed = store.EventCommits.Next;
                if (!await DeliverNextAsync(webhook, cancellationToken))
                {
                    await WaitAsync(options.PollInterval, committed, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping or removed.
        }
        finally
        {
            if (leased)
            {
                // Handed over at once rather than when the lease runs out; best effort on the way out.
                await webhooks.ReleaseLeaseAsync(webhookId, node, CancellationToken.None);
            }
        }
    }

    /// <summary>Handles the next event due; false when there was none.</summary>
    private async Task<bool> DeliverNextAsync(WebhookRecord webhook, CancellationToken cancellationToken)
    {
        var retry = (await webhooks.ListFailedAsync(webhookId, cancellationToken)).FirstOrDefault(f => f.Retrying);
        if (retry is not null)
        {
            var again = await store.ReadEventsAsync(retry.Cursor - 1, 1, cancellationToken);
            if (again is [var e] && e.Cursor == retry.Cursor)
            {
                var since = retry.Attempts == 0 ? time.GetUtcNow() : retry.FirstFailedAt;
                await DeliverAsync(webhook, e, since, retry.Attempts, isRetry: true, cancellationToken);
            }
            else
            {
                await webhooks.ForgetFailureAsync(webhookId, retry.Cursor, cancellationToken); // the event is gone: nothing to redeliver
            }

            return true;
        }

        var page = await store.ReadEventsAsync(webhook.Cursor, PageSize, cancellationToken);
        var next = page.FirstOrDefault(e => webhook.Wants(e.Kind));
        if (next is null)
        {
            if (page.Count > 0)
            {
                await webhooks.AdvanceAsync(webhookId, page[^1].Cursor, cancellationToken); // none of its kinds
            }

            return page.Count == PageSize;
        }

        if (next.Cursor > webhook.Cursor + 1)
        {
            await webhooks.AdvanceAsync(webhookId, next.Cursor - 1, cancellationToken);
        }

        await DeliverAsync(webhook, next, webhook.FailingSince, webhook.Attempts, isRetry: false, cancellationToken);
        return true;
    }

    /// <summary>Posts the event until it is delivered or it has failed for the whole give-up period.</summary>
    private async Task DeliverAsync(WebhookRecord webhook, ChatEvent e, DateTimeOffset? failingSince, int attempts, bool isRetry,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!await RenewLeaseAsync(cancellationToken))
            {
                return; // another node has it now; it goes on from the stored figures
            }

            var error = await poster.PostAsync(webhook.Url, secret, e, cancellationToken);
            if (error is null)
            {
                WebhookLog.Delivered(logger, webhookId, e.Cursor);
                await (isRetry ? webhooks.ForgetFailureAsync(webhookId, e.Cursor, cancellationToken) : webhooks.AdvanceAsync(webhookId, e.Cursor, cancellationToken));
                return;
            }

            attempts++;
            var now = time.GetUtcNow();
            failingSince ??= now;
            if (now - failingSince >= options.GiveUpAfter)
            {
                WebhookLog.SetAside(logger, webhookId, e.Cursor, attempts, failingSince.Value, error);
                await webhooks.SetAsideAsync(new FailedDelivery(webhookId, e.Cursor, e.Kind, failingSince.Value, attempts, error, Retrying: false),
                    advance: !isRetry, cancellationToken);
                return;
            }

            var delay = RetryDelay.After(attempts, options.FirstRetryDelay, options.MaxRetryDelay);
            WebhookLog.AttemptFailed(logger, webhookId, e.Cursor, error, attempts, delay);
            if (isRetry)
            {
                await webhooks.SetAsideAsync(new FailedDelivery(webhookId, e.Cursor, e.Kind, failingSince.Value, attempts, error, Retrying: true),
                    advance: false, cancellationToken);
            }
            else
            {
                await webhooks.RecordFailingAsync(webhookId, failingSince.Value, attempts, cancellationToken);
            }

            await WaitAsync(delay, null, cancellationToken);
        }
    }

    /// <summary>Waits on the injected clock, renewing the lease meanwhile (a back-off may last longer than a lease);
    /// a commit of events ends the wait early when given.</summary>
    private async Task WaitAsync(TimeSpan delay, Task? committed, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + delay;
        while (time.GetUtcNow() < until)
        {
            var step = Min(until - time.GetUtcNow(), options.LeaseDuration / 3);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sleeping = Task.Delay(step, time, wait.Token);
            var woke = committed is null ? await Task.WhenAny(sleeping) : await Task.WhenAny(sleeping, committed);
            await wait.CancelAsync();
            cancellationToken.ThrowIfCancellationRequested();
            if (woke == committed)
            {
                return;
            }

            await RenewLeaseAsync(cancellationToken);
        }
    }

    private async Task<bool> RenewLeaseAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (now - _leaseRenewedAt < options.LeaseDuration / 3)
        {
            return true;
        }

        if (await webhooks.TryLeaseAsync(webhookId, node, now, now + options.LeaseDuration, cancellationToken))
        {
            _leaseRenewedAt = now;
            return true;
        }

        _leaseRenewedAt = DateTimeOffset.MinValue;
        return false;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
