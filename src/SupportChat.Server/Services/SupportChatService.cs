using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Streams;
using ChatServiceBase = SupportChat.Protocol.V1.SupportChat.SupportChatBase;

namespace SupportChat.Server.Services;

/// <summary>The two participant streams; each handler owns its stream's lifetime.</summary>
internal sealed class SupportChatService(CustomerStreamHandler customers, AgentStreamHandler agents) : ChatServiceBase
{
    public override Task Customer(IAsyncStreamReader<CustomerCommand> requestStream, IServerStreamWriter<ServerEvent> responseStream, ServerCallContext context) =>
        customers.RunAsync(requestStream, responseStream, context);

    public override Task Agent(IAsyncStreamReader<AgentCommand> requestStream, IServerStreamWriter<ServerEvent> responseStream, ServerCallContext context) =>
        agents.RunAsync(requestStream, responseStream, context);
}
