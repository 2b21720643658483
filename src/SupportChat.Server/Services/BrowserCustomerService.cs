using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams;
using SupportChat.Server.Streams.Browser;
using SupportChat.Server.Streams.Participants;
using BrowserCustomerBase = SupportChat.Protocol.V1.BrowserCustomer.BrowserCustomerBase;

namespace SupportChat.Server.Services;

/// <summary>The customer's side for browsers (gRPC-Web) and other clients without bidi streams: Events runs through the
/// same participant stream runner as SupportChat.Customer; the unary calls are carried out by that stream's command loop.</summary>
internal sealed class BrowserCustomerService(ParticipantStreamRunner runner, CustomerRole customers, BrowserStreams streams, TimeProvider time)
    : BrowserCustomerBase
{
    public override Task Events(BrowserHello request, IServerStreamWriter<ServerEvent> responseStream, ServerCallContext context) =>
        ChatErrors.UnavailableOnClusterHiccup(streams.RunAsync(request,
            stream => runner.RunAsync(new BrowserCustomerRole(customers, stream, streams, time), stream, responseStream, context),
            context.CancellationToken));

    public override Task<Ack> Send(BrowserSend request, ServerCallContext context) =>
        streams.CarryOutAsync<Ack>(request.Session, new CustomerCommand { Send = request.Send ?? new SendMessage() }, context.CancellationToken);

    public override Task<BrowserDone> Typing(BrowserTyping request, ServerCallContext context) =>
        streams.CarryOutAsync<BrowserDone>(request.Session, new CustomerCommand { Typing = request.Typing ?? new Typing() }, context.CancellationToken);

    public override Task<BrowserDone> Read(BrowserRead request, ServerCallContext context) =>
        streams.CarryOutAsync<BrowserDone>(request.Session, new CustomerCommand { Read = request.Read ?? new MarkRead() }, context.CancellationToken);

    public override Task<BrowserDone> End(BrowserEnd request, ServerCallContext context) =>
        streams.CarryOutAsync<BrowserDone>(request.Session, new CustomerCommand { End = request.End ?? new EndConversation() }, context.CancellationToken);
}
