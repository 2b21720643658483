using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Protocol.V1;
using SupportChat.Server.Hosting;

namespace SupportChat.Server.Streams;

internal sealed class SessionFactory(IGrainFactory grains, IOptions<ChatOptions> options, ILogger<ParticipantSession> logger)
{
    public ParticipantSession Open(string participantId, bool endsWithConversation, IServerStreamWriter<ServerEvent> writer,
        IReadOnlyDictionary<string, long>? cursors = null) =>
        new(participantId, endsWithConversation, writer, grains, options.Value, logger, cursors);
}
