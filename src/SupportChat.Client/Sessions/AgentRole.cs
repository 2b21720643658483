using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client.Delivery;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Sessions;

/// <summary>An agent on the wire: the Agent call, a hello that signs in with a cursor for each open conversation
/// (the highest seq shown), and sends as <see cref="AgentCommand.Send"/>.</summary>
internal sealed class AgentRole(AgentSignIn signIn, ResumeState resume) : ISessionRole<AgentCommand>
{
    public AsyncDuplexStreamingCall<AgentCommand, ServerEvent> Open(GrpcChannel channel) =>
        // The call lives as long as the stream; the session ends it by disposing the call.
        new Protocol.V1.SupportChat.SupportChatClient(channel).Agent(cancellationToken: CancellationToken.None);

    public AgentCommand Hello()
    {
        var hello = new AgentHello { Name = signIn.Name, Title = signIn.Title ?? string.Empty, Capacity = signIn.Capacity ?? 0, BatchEvents = true };
        hello.Departments.AddRange(signIn.Departments);
        foreach (var (conversationId, seq) in resume.OpenCursors)
        {
            hello.Cursors[conversationId] = seq;
        }

        return new AgentCommand { Hello = hello };
    }

    public AgentCommand WrapSend(SendMessage send) => new() { Send = send };

    public SendMessage? AsSend(AgentCommand command) =>
        command.CommandCase == AgentCommand.CommandOneofCase.Send ? command.Send : null;

    public AgentCommand Leave() => new() { SignOff = new SignOff() };
}
