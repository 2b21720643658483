using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using SupportChat.Domain.Canned;

namespace SupportChat.Grains.Canned;

/// <summary>Keeps the list in memory over the store: a change is stored first, then the list changes and every
/// registered node hears of it. Nodes renew their registration well within the expiry, and take the list again when
/// they do, so one that missed a change (this grain moved after a node died) catches up at its next renewal.</summary>
public sealed class CannedRepliesGrain(ICannedReplyStore store, TimeProvider time, ILogger<CannedRepliesGrain> logger)
    : Grain, ICannedRepliesGrain
{
    /// <summary>Nodes renew every 30 s; one that stops (its node went away) is dropped after this.</summary>
    private static readonly TimeSpan ObserverExpiry = TimeSpan.FromMinutes(2);

    private readonly SortedDictionary<string, string> _replies = new(StringComparer.Ordinal);
    private ObserverManager<ICannedRepliesObserver> _observers = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _observers = new ObserverManager<ICannedRepliesObserver>(ObserverExpiry, logger);
        // Not caught: without the stored list this grain would hand out an empty one as if it were the truth.
        foreach (var reply in await store.ListCannedRepliesAsync(cancellationToken))
        {
            _replies[reply.Shortcut] = reply.Text;
        }
    }

    public Task<IReadOnlyList<CannedReplyView>> Subscribe(ICannedRepliesObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return List();
    }

    public Task Unsubscribe(ICannedRepliesObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<CannedReplyView>> List() => Task.FromResult(Snapshot());

    public async Task<bool> Save(CannedReplyView reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var replaced = await store.SaveCannedReplyAsync(new CannedReply(reply.Shortcut, reply.Text), time.GetUtcNow(), CancellationToken.None);
        _replies[reply.Shortcut] = reply.Text;
        Publish();
        return replaced;
    }

    public async Task<bool> Remove(string shortcut)
    {
        if (!await store.RemoveCannedReplyAsync(shortcut, CancellationToken.None))
        {
            _replies.Remove(shortcut); // not stored (removed elsewhere, e.g. by hand): nor here
            return false;
        }

        _replies.Remove(shortcut);
        Publish();
        return true;
    }

    private IReadOnlyList<CannedReplyView> Snapshot() => [.. _replies.Select(r => new CannedReplyView(r.Key, r.Value))];

    private void Publish()
    {
        var list = Snapshot();
        // One-way calls: a slow or vanished node never holds the change up.
        _observers.Notify(o => o.Changed(list));
    }
}
