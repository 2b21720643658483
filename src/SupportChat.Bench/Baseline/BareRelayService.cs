using Grpc.Core;
using SupportChat.Bench.V1;

namespace SupportChat.Bench.Baseline;

/// <summary>The baseline relay: the first frame names a pair; once both streams of the pair are here, every frame
/// read from one is posted to the other's outbox, which one loop writes out.</summary>
internal sealed class BareRelayService(RelayPairs pairs) : BareRelay.BareRelayBase
{
    public override async Task Relay(IAsyncStreamReader<RelayFrame> requestStream, IServerStreamWriter<RelayFrame> responseStream, ServerCallContext context)
    {
        var token = context.CancellationToken;
        if (!await requestStream.MoveNext(token) || requestStream.Current.Pair.Length == 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "the first frame must name a pair."));
        }

        var outbox = new StreamOutbox<RelayFrame>(responseStream, capacity: 1024);
        var writing = outbox.RunAsync(token);
        var peer = await pairs.MeetAsync(requestStream.Current.Pair, outbox, token);
        while (await requestStream.MoveNext(token))
        {
            await peer.PostAsync(requestStream.Current, token);
        }

        outbox.Complete();
        await writing;
    }
}
