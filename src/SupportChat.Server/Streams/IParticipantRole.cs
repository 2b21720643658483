using Grpc.Core;

namespace SupportChat.Server.Streams;

/// <summary>What the agent's and the customer's streams do differently, plugged into the one
/// <see cref="ParticipantStreamRunner"/> both go through. One instance serves every stream of its kind.</summary>
internal interface IParticipantRole<TCommand>
    where TCommand : class
{
    /// <summary>For the logs: "Agent" or "Customer".</summary>
    string Name { get; }

    /// <summary>For metrics (supportchat.role): "Agent" or "Customer", whichever way the stream came.</summary>
    string MetricRole => Name;

    /// <summary>For metrics (supportchat.transport): "grpc", or "grpc-web" for a browser's stream.</summary>
    string Transport => "grpc";

    bool IsHello(TCommand command);

    bool IsSend(TCommand command);

    /// <summary>Checks the stream's hello and says who is on the stream. Throws a refusal (a broken rule, a bad
    /// token) for a hello it does not accept; the join rate has been charged before.</summary>
    Task<IParticipant<TCommand>> AcceptAsync(TCommand hello, ServerCallContext context);
}
