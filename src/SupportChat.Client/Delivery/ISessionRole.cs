using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Delivery;

/// <summary>
/// The participant a session carries, as far as the delivery machinery needs to know: a customer and an agent
/// differ only in the call they open, the hello they say first and how a send looks among their commands.
/// </summary>
/// <typeparam name="TCommand">The participant's request message on the wire.</typeparam>
internal interface ISessionRole<TCommand>
    where TCommand : class
{
    /// <summary>Opens the participant's bidirectional call on one server's channel; disposing the call ends it.</summary>
    AsyncDuplexStreamingCall<TCommand, ServerEvent> Open(GrpcChannel channel);

    /// <summary>The first command of every stream. It carries whatever the session's <see cref="ResumeState"/> holds
    /// by then: nothing on a first connect (unless the customer came back with a resume), and the highest seq shown
    /// in each conversation after a reconnect.</summary>
    TCommand Hello();

    /// <summary>A send as one of the participant's commands.</summary>
    TCommand WrapSend(SendMessage send);

    /// <summary>The send inside a command, or null when the command is something else.</summary>
    SendMessage? AsSend(TCommand command);

    /// <summary>The command that leaves on purpose (a customer ends its conversation, an agent signs off): the server
    /// takes a request stream that merely ends as a drop, and waits for the participant to come back.</summary>
    TCommand Leave();
}
