using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Streams.Participants;

namespace SupportChat.Server.Streams.Browser;

/// <summary>The customer's role on one BrowserCustomer.Events stream: the bidi customer's hello rules and participant,
/// with the stream's id in its Welcome, and the stream made findable by the browser's calls once its hello is accepted.</summary>
internal sealed class BrowserCustomerRole(CustomerRole customers, BrowserStream stream, BrowserStreams streams, TimeProvider time)
    : IParticipantRole<CustomerCommand>
{
    public string Name => "BrowserCustomer";

    public string MetricRole => "Customer";

    public string Transport => "grpc-web";

    public bool IsHello(CustomerCommand command) => customers.IsHello(command);

    public bool IsSend(CustomerCommand command) => customers.IsSend(command);

    public Task<IParticipant<CustomerCommand>> AcceptAsync(CustomerCommand hello, ServerCallContext context)
    {
        var customer = customers.Accept(hello.Hello, stream.Id);
        stream.Accepted(customer.ParticipantId, customer.ConversationId);
        streams.Add(stream);
        return Task.FromResult<IParticipant<CustomerCommand>>(new BrowserParticipant(customer, stream, time));
    }
}
