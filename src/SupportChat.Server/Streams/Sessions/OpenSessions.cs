using System.Collections.Concurrent;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>The participant sessions open on this node, and how many observer references they have made and not yet
/// deleted (each outlives its session by a linger).</summary>
internal sealed class OpenSessions
{
    private readonly ConcurrentDictionary<ParticipantSession, byte> _open = new();
    private int _liveObservers;

    public int Count => _open.Count;

    /// <summary>Observer references made for streams and not yet deleted: back to zero once every stream is over and its
    /// linger has passed; one never deleted stays in the silo's table of local objects.</summary>
    public int LiveObservers => Volatile.Read(ref _liveObservers);

    public void ObserverCreated() => Interlocked.Increment(ref _liveObservers);

    public void ObserverDeleted() => Interlocked.Decrement(ref _liveObservers);

    public void Add(ParticipantSession session) => _open.TryAdd(session, 0);

    public void Remove(ParticipantSession session) => _open.TryRemove(session, out _);

    /// <summary>Has every open stream register again with its grains now rather than at its next periodic refresh:
    /// after a node died, the grains that knew these streams may have been re-activated elsewhere, knowing nobody.</summary>
    public void RefreshAll()
    {
        foreach (var session in _open.Keys)
        {
            session.Post(new RefreshInput());
        }
    }
}
