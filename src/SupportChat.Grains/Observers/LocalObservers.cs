using System.Collections.Concurrent;
using Orleans.Runtime;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Observers;

/// <summary>
/// The streams of this node, by the id of the object reference grains hold for each. A conversation grain calls the
/// streams of its own node directly rather than through Orleans' messaging: the calls only queue for the stream's
/// writer loop, and each message otherwise cost a message object, a directory lookup and a thread-pool hop per
/// receiving stream. Streams on other nodes are still reached through their references. One per node (silo).
/// </summary>
public sealed class LocalObservers
{
    private readonly ConcurrentDictionary<GrainId, IChatObserver> _targets = new();

    /// <summary>The node's edge created <paramref name="reference"/> for <paramref name="target"/>.</summary>
    public void Add(IChatObserver reference, IChatObserver target)
    {
        if (reference is GrainReference r)
        {
            _targets[r.GrainId] = target;
        }
    }

    /// <summary>The reference is deleted: calls through it vanish from now on, as they would in Orleans.</summary>
    public void Remove(IChatObserver reference)
    {
        if (reference is GrainReference r)
        {
            _targets.TryRemove(r.GrainId, out _);
        }
    }

    /// <summary>What a grain of this node should call for <paramref name="reference"/>: the stream itself when it is on
    /// this node, else the reference.</summary>
    internal IChatObserver Resolve(IChatObserver reference) =>
        reference is GrainReference r && _targets.ContainsKey(r.GrainId) ? new LocalObserver(this, r.GrainId) : reference;

    internal IChatObserver? Target(GrainId id) => _targets.TryGetValue(id, out var target) ? target : null;
}
