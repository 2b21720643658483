using System.Security.Cryptography;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Domain;
using SupportChat.Domain.Persistence;
using SupportChat.Protocol.V1;
using SupportChat.Server.Events;
using SupportChat.Server.Mapping;
using SupportChat.Server.Security;
using SupportChat.Storage;
using SupportChat.Storage.Secrets;
using SupportChat.Storage.Webhooks;
using EventFeedBase = SupportChat.Protocol.V1.EventFeed.EventFeedBase;

namespace SupportChat.Server.Services;

/// <summary>The durable event feed and its webhooks, for admins: a thin adapter over the store.</summary>
internal sealed class EventFeedService(
    IChatStore store, EventCommits commits, IWebhookStore webhooks, ISecretStore secrets, AdminAccess admin, TimeProvider time,
    IOptions<EventFeedOptions> options) : EventFeedBase
{
    private const int PageSize = 500;
    private const int SecretLength = 32;

    /// <summary>
    /// Pages through the store from the cursor, then (following) waits for more: woken at once by this node's commits,
    /// and every <see cref="EventFeedOptions.PollInterval"/> regardless, for the events other nodes of a cluster commit.
    /// One loop reads and writes, so the response stream has one writer.
    /// </summary>
    public override async Task Read(ReadEventsRequest request, IServerStreamWriter<FeedEvent> responseStream, ServerCallContext context)
    {
        await admin.RequireAdminAsync(context);
        if (request.SinceCursor < 0)
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "since_cursor must be 0 (from the first event) or a cursor you got.");
        }

        var cancel = context.CancellationToken;
        var after = request.SinceCursor;
        try
        {
            while (true)
            {
                // Taken before the read: a commit between the read and the wait still wakes this reader.
                var committed = commits.Next;
                var page = await store.ReadEventsAsync(after, PageSize, cancel);
                foreach (var e in page)
                {
                    await responseStream.WriteAsync(FeedEventMapper.ToFeedEvent(e), cancel);
                    after = e.Cursor;
                }

                if (page.Count == PageSize)
                {
                    continue;
                }

                if (!request.Follow)
                {
                    return;
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                await Task.WhenAny(committed, Task.Delay(options.Value.PollInterval, time, poll.Token));
                await poll.CancelAsync(); // the timer of a wait that a commit ended
                cancel.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The reader left (or the server is stopping): nothing to report to it.
        }
    }

    public override async Task<AddWebhookResponse> AddWebhook(AddWebhookRequest request, ServerCallContext context)
    {
        await admin.RequireAdminAsync(context);
        return await Refusals(async () =>
        {
            var url = WebhookRules.Url(request.Url);
            var kinds = WebhookRules.Kinds(request.Kinds);
            var id = "wh-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            var secret = await secrets.GetOrCreateAsync(SecretName(id), SecretLength, context.CancellationToken);
            var added = await webhooks.AddAsync(id, url, kinds, time.GetUtcNow(), context.CancellationToken);
            return new AddWebhookResponse { Webhook = FeedEventMapper.ToWebhook(added), Secret = Convert.ToHexStringLower(secret) };
        });
    }

    public override async Task<ListWebhooksResponse> ListWebhooks(ListWebhooksRequest request, ServerCallContext context)
    {
        await admin.RequireAdminAsync(context);
        var all = await webhooks.ListAsync(context.CancellationToken);
        return new ListWebhooksResponse { Webhooks = { all.Select(FeedEventMapper.ToWebhook) } };
    }

    public override async Task<RemoveWebhookResponse> RemoveWebhook(RemoveWebhookRequest request, ServerCallContext context)
    {
        await admin.RequireAdminAsync(context);
        return await Refusals(async () =>
        {
            if (!await webhooks.RemoveAsync(WebhookRules.Id(request.Id), context.CancellationToken))
            {
                throw NoSuchWebhook(request.Id);
            }

            await secrets.DeleteAsync(SecretName(request.Id), context.CancellationToken);
            return new RemoveWebhookResponse();
        });
    }

    public override async Task<ListFailedDeliveriesResponse> ListFailedDeliveries(ListFailedDeliveriesRequest request, ServerCallContext context)
    {
        await admin.RequireAdminAsync(context);
        return await Refusals(async () =>
        {
            var id = request.WebhookId is { Length: > 0 } given ? given : null;
            if (id is not null && await webhooks.FindAsync(id, context.CancellationToken) is null)
            {
                throw NoSuchWebhook(id);
            }

            var failed = await webhooks.ListFailedAsync(id, context.CancellationToken);
            return new ListFailedDeliveriesResponse { Deliveries = { failed.Select(FeedEventMapper.ToFailedDelivery) } };
        });
    }

    public override async Task<RetryFailedDeliveriesResponse> RetryFailedDeliveries(RetryFailedDeliveriesRequest request, ServerCallContext context)
    {
        await admin.RequireAdminAsync(context);
        return await Refusals(async () =>
        {
            var id = WebhookRules.Id(request.WebhookId);
            if (await webhooks.FindAsync(id, context.CancellationToken) is null)
            {
                throw NoSuchWebhook(id);
            }

            return new RetryFailedDeliveriesResponse { Requeued = await webhooks.RetryFailedAsync(id, context.CancellationToken) };
        });
    }

    /// <summary>The name its signing key has among the server's keys (<see cref="ISecretStore"/>).</summary>
    public static string SecretName(string webhookId) => "webhook-" + webhookId;

    private static ChatException NoSuchWebhook(string id) => ChatException.NotFound($"there is no webhook {id} ('admin webhooks list' shows them).");

    private static async Task<T> Refusals<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ChatErrors.IsRefusal(ex))
        {
            throw ChatErrors.ToRpcException(ex);
        }
    }
}
