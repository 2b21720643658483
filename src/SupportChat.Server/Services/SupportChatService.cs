using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams;
using ChatServiceBase = SupportChat.Protocol.V1.SupportChat.SupportChatBase;

namespace SupportChat.Server.Services;

/// <summary>The two participant streams; each handler owns its stream's lifetime.</summary>
internal sealed class SupportChatService(CustomerStreamHandler customers, AgentStreamHandler agents) : ChatServiceBase
{
    public override Task Customer(IAsyncStreamReader<CustomerCommand> requestStream, IServerStreamWriter<ServerEvent> responseStream, ServerCallContext context) =>
        UnavailableOnClusterHiccup(customers.RunAsync(requestStream, responseStream, context));

    public override Task Agent(IAsyncStreamReader<AgentCommand> requestStream, IServerStreamWriter<ServerEvent> responseStream, ServerCallContext context) =>
        UnavailableOnClusterHiccup(agents.RunAsync(requestStream, responseStream, context));

    /// <summary>A stream that fails because a node of the cluster just died ends Unavailable, which clients answer by
    /// reconnecting, rather than with the Unknown of an unhandled exception.</summary>
    private static async Task UnavailableOnClusterHiccup(Task stream)
    {
        try
        {
            await stream;
        }
        catch (Exception ex) when (ChatErrors.IsClusterHiccup(ex))
        {
            throw ChatErrors.ToRpcException(ex);
        }
    }
}
