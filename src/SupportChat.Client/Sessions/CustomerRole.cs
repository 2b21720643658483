using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client.Delivery;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Sessions;

/// <summary>A customer on the wire: the Customer call, a hello that joins a department or resumes the conversation
/// the customer was welcomed to, and sends as <see cref="CustomerCommand.Send"/>.</summary>
internal sealed class CustomerRole(CustomerJoin join, ResumeState resume) : ISessionRole<CustomerCommand>
{
    public AsyncDuplexStreamingCall<CustomerCommand, ServerEvent> Open(GrpcChannel channel) =>
        // The call lives as long as the stream; the session ends it by disposing the call.
        new Protocol.V1.SupportChat.SupportChatClient(channel).Customer(cancellationToken: CancellationToken.None);

    public CustomerCommand Hello() => new() { Hello = CustomerHello(resume.CustomerResume) };

    public CustomerCommand WrapSend(SendMessage send) => new() { Send = send };

    public SendMessage? AsSend(CustomerCommand command) =>
        command.CommandCase == CustomerCommand.CommandOneofCase.Send ? command.Send : null;

    public CustomerCommand Leave() => new() { End = new EndConversation() };

    private CustomerHello CustomerHello(CustomerResume? resumed) => new()
    {
        Name = join.Name,
        Department = join.Department ?? string.Empty,
        Email = join.Email ?? string.Empty,
        BatchEvents = true,
        Resume = resumed is null ? null : new ResumeSession
        {
            CustomerId = resumed.CustomerId,
            SessionToken = resumed.SessionToken,
            ConversationId = resumed.ConversationId,
            LastSeq = resumed.LastSeq,
        },
    };
}
