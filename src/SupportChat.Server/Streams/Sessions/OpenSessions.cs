using System.Collections.Concurrent;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>The participant sessions open on this node.</summary>
internal sealed class OpenSessions
{
    private readonly ConcurrentDictionary<ParticipantSession, byte> _open = new();

    public int Count => _open.Count;

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
