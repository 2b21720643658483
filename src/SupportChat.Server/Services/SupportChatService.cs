using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams;
using SupportChat.Server.Streams.Participants;
using ChatServiceBase = SupportChat.Protocol.V1.SupportChat.SupportChatBase;

namespace SupportChat.Server.Services;

/// <summary>The two participant streams; the runner owns each stream's lifetime, the role what its participant does.</summary>
internal sealed class SupportChatService(ParticipantStreamRunner runner, CustomerRole customers, AgentRole agents) : ChatServiceBase
{
    public override Task Customer(IAsyncStreamReader<CustomerCommand> requestStream, IServerStreamWriter<ServerEvent> responseStream, ServerCallContext context) =>
        ChatErrors.UnavailableOnClusterHiccup(runner.RunAsync(customers, requestStream, responseStream, context));

    public override Task Agent(IAsyncStreamReader<AgentCommand> requestStream, IServerStreamWriter<ServerEvent> responseStream, ServerCallContext context) =>
        ChatErrors.UnavailableOnClusterHiccup(runner.RunAsync(agents, requestStream, responseStream, context));
}
