using Google.Protobuf;
using Grpc.Core;
using SupportChat.Protocol.V1;

namespace SupportChat.Cli.Bench;

/// <summary>The chat protocol's two stream methods, called directly: the bench drives the wire itself so it
/// can keep many sends in flight, which the client library (one conversation-aware session per user) does not.</summary>
internal static class ChatWire
{
    private const string Service = "supportchat.v1.SupportChat";

    public static readonly Method<CustomerCommand, ServerEvent> Customer =
        new(MethodType.DuplexStreaming, Service, "Customer", Marshaller(CustomerCommand.Parser), Marshaller(ServerEvent.Parser));

    public static readonly Method<AgentCommand, ServerEvent> Agent =
        new(MethodType.DuplexStreaming, Service, "Agent", Marshaller(AgentCommand.Parser), Marshaller(ServerEvent.Parser));

    private static Marshaller<T> Marshaller<T>(MessageParser<T> parser)
        where T : class, IMessage<T> =>
        Marshallers.Create(
            (message, context) =>
            {
                context.SetPayloadLength(message.CalculateSize());
                message.WriteTo(context.GetBufferWriter());
                context.Complete();
            },
            context => parser.ParseFrom(context.PayloadAsReadOnlySequence()));
}
