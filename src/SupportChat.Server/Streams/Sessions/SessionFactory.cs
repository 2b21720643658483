using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Metrics;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>Opens a participant's session on its response stream, counted among this node's <see cref="OpenSessions"/>
/// until it is disposed.</summary>
internal sealed class SessionFactory(IChatGrains grains, OpenSessions openSessions, IOptions<ChatOptions> options, ILogger<ParticipantSession> logger,
    SupportChatMetrics metrics)
{
    public ParticipantSession Open(ISessionParticipant participant, IServerStreamWriter<ServerEvent> responses)
    {
        var session = new ParticipantSession(participant, new EventWriter(responses, participant.BatchEvents), grains, options.Value, logger,
            openSessions, metrics);
        openSessions.Add(session);
        return session;
    }
}
