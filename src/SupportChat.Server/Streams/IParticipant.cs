using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams;

/// <summary>The participant on one stream once its hello was accepted: how it starts, what it does with each command,
/// and what leaving and dropping the stream mean for it.</summary>
internal interface IParticipant<TCommand> : ISessionParticipant
    where TCommand : class
{
    /// <summary>Whether the participant left on purpose (signed off, ended its conversation); otherwise the end of the
    /// stream is a drop.</summary>
    bool HasLeft { get; }

    /// <summary>Signs in, joins or resumes: the stream's first events.</summary>
    Task StartAsync(ParticipantSession session);

    /// <summary>A run of consecutive sends: each to the conversation it resolves to, refused on its own if none.</summary>
    Task SendAsync(ParticipantSession session, IReadOnlyList<TCommand> run);

    /// <summary>One command other than a send.</summary>
    Task HandleAsync(ParticipantSession session, TCommand command);

    /// <summary>The client closed its side of the stream: it is leaving.</summary>
    Task LeaveAsync(ParticipantSession session);

    /// <summary>The stream ended without the participant leaving (the connection dropped, the server is stopping):
    /// it may come back within its grace period.</summary>
    Task DropAsync(ParticipantSession session);
}
