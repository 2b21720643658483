using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportChat.Server.Events;
using SupportChat.Server.Services;
using SupportChat.Storage;
using SupportChat.Storage.Secrets;
using SupportChat.Storage.Webhooks;

namespace SupportChat.Server.Webhooks;

/// <summary>
/// Runs one <see cref="WebhookDelivery"/> per stored webhook, and looks for webhooks added or removed (on any node) every
/// <see cref="EventFeedOptions.RescanInterval"/>. In a cluster every node runs one per webhook, but only the node that
/// holds a webhook's lease delivers it; the others wait to take over if that node stops renewing it.
/// </summary>
internal sealed class WebhookDispatcher(
    DbChatStore store, ISecretStore secrets, WebhookPoster poster, TimeProvider time, IOptions<EventFeedOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, (Task Run, CancellationTokenSource Stop)> _running = [];

    /// <summary>This process, as lease holders are named: a new name at each start, so a restarted node does not take
    /// its predecessor's lease for its own.</summary>
    public string Node { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await ScanAsync(stoppingToken);
                await Task.Delay(options.Value.RescanInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            foreach (var (_, stop) in _running.Values)
            {
                await stop.CancelAsync();
            }

            await Task.WhenAll(_running.Values.Select(r => r.Run));
            foreach (var (_, stop) in _running.Values)
            {
                stop.Dispose();
            }
        }
    }

    private async Task ScanAsync(CancellationToken stoppingToken)
    {
        IReadOnlyList<WebhookRecord> webhooks;
        try
        {
            webhooks = await store.Webhooks.ListAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WebhookLog.LoopFailed(logger, ex, "(list)");
            return;
        }

        foreach (var id in _running.Keys.Where(id => webhooks.All(w => w.Id != id) || _running[id].Run.IsCompleted).ToList())
        {
            var (run, stop) = _running[id];
            await stop.CancelAsync();
            await run; // RunSafelyAsync does not throw
            stop.Dispose();
            _running.Remove(id);
        }

        foreach (var webhook in webhooks.Where(w => !_running.ContainsKey(w.Id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _running[webhook.Id] = (RunSafelyAsync(webhook.Id, stop.Token), stop);
        }
    }

    /// <summary>One webhook's delivery; an unexpected error (the database away, say) is logged and the next scan starts it
    /// again from the stored figures.</summary>
    private async Task RunSafelyAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Yield();
            var secret = await secrets.GetOrCreateAsync(EventFeedService.SecretName(id), 32, cancellationToken);
            await new WebhookDelivery(id, Node, store, store.Webhooks, secret, poster, time, options.Value, logger).RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            WebhookLog.LoopFailed(logger, ex, id);
        }
    }
}
