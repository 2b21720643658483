using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams;

/// <summary>The participant on one stream once its hello was accepted: how it starts, what it does with each command,
/// and what dropping the stream means for it.</summary>
internal interface IParticipant<TCommand> : ISessionParticipant
    where TCommand : class
{
    /// <summary>Whether the participant left on purpose, by its leave command (a customer's EndConversation, an agent's
    /// SignOff); however else the stream ends, it is a drop.</summary>
    bool HasLeft { get; }

    /// <summary>Signs in, joins or resumes: the stream's first events.</summary>
    Task StartAsync(ParticipantSession session);

    /// <summary>A run of consecutive sends: each to the conversation it resolves to, refused on its own if none.</summary>
    Task SendAsync(ParticipantSession session, IReadOnlyList<TCommand> run);

    /// <summary>One command other than a send, the leave command included.</summary>
    Task HandleAsync(ParticipantSession session, TCommand command);

    /// <summary>The stream ended without the participant leaving (the client closed or cancelled it, the connection
    /// dropped, a newer stream replaced it, the server is stopping): it may come back within its grace period.</summary>
    Task DropAsync(ParticipantSession session);
}
