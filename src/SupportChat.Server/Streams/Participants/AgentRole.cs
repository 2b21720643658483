using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Canned;
using SupportChat.Server.Configuration;
using SupportChat.Server.Security;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Participants;

/// <summary>An agent's stream: sign in (by token, or by name in open mode), receive conversations, chat in several at
/// once, sign off.</summary>
internal sealed class AgentRole(
    IChatGrains grains, DepartmentCatalog departments, AgentAuthenticator authenticator, IOptions<ChatOptions> options, TimeProvider time,
    ILogger<AgentRole> logger, CannedRepliesFeed? canned = null) : IParticipantRole<AgentCommand>
{
    public string Name => "Agent";

    public bool IsHello(AgentCommand command) => command.CommandCase == AgentCommand.CommandOneofCase.Hello;

    public bool IsSend(AgentCommand command) => command.CommandCase == AgentCommand.CommandOneofCase.Send;

    public async Task<IParticipant<AgentCommand>> AcceptAsync(AgentCommand hello, ServerCallContext context)
    {
        CommandRules.Cursors(hello.Hello.Cursors);
        var profile = await authenticator.AuthenticateAsync(hello.Hello, context);
        return new AgentParticipant(profile, hello.Hello, grains, departments, options.Value, time, logger, canned);
    }
}
