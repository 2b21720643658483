using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Protocol.V1;
using SupportChat.Server.Hosting;

namespace SupportChat.Server.Streams;

internal sealed class SessionFactory(
    IGrainFactory grains, IOptions<ChatOptions> options, IHostApplicationLifetime lifetime, ILogger<ParticipantSession> logger)
{
    /// <summary>Cancelled when the server begins to shut down: every open stream is closed so shutdown does not wait on them.</summary>
    public CancellationToken ServerStopping => lifetime.ApplicationStopping;

    /// <summary>What clients are told of the send rate, so they pace themselves within it.</summary>
    public SendLimit SendLimit => new() { PerSecond = options.Value.SendRatePerSecond, Burst = options.Value.SendBurst };

    public ParticipantSession Open(string participantId, bool endsWithConversation, IServerStreamWriter<ServerEvent> writer,
        IReadOnlyDictionary<string, long>? cursors = null) =>
        new(participantId, endsWithConversation, writer, grains, options.Value, logger, cursors);
}
