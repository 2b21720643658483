using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;

namespace SupportChat.Server.Streams;

/// <summary>Opens participant sessions and knows the ones open on this node.</summary>
internal sealed class SessionFactory(
    IGrainFactory grains, IOptions<ChatOptions> options, IHostApplicationLifetime lifetime, ILogger<ParticipantSession> logger)
{
    private readonly ConcurrentDictionary<ParticipantSession, byte> _open = new();

    /// <summary>Cancelled when the server begins to shut down: every open stream is closed so shutdown does not wait on them.</summary>
    public CancellationToken ServerStopping => lifetime.ApplicationStopping;

    /// <summary>What clients are told of the send rate, so they pace themselves within it.</summary>
    public SendLimit SendLimit => new() { PerSecond = options.Value.SendRatePerSecond, Burst = options.Value.SendBurst };

    public int OpenCount => _open.Count;

    /// <param name="batchEvents">The client said in its hello that it reads <see cref="EventBatch"/> events.</param>
    public ParticipantSession Open(string participantId, bool endsWithConversation, IServerStreamWriter<ServerEvent> writer,
        bool batchEvents, IReadOnlyDictionary<string, long>? cursors = null)
    {
        var session = new ParticipantSession(participantId, endsWithConversation, new EventWriter(writer, batchEvents), grains, options.Value, logger, cursors,
            closed: s => _open.TryRemove(s, out _));
        _open.TryAdd(session, 0);
        return session;
    }

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
