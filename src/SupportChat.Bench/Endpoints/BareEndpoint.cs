using Grpc.Core;
using SupportChat.Bench.Measures;
using SupportChat.Bench.V1;

namespace SupportChat.Bench.Endpoints;

/// <summary>A stream on the baseline relay.</summary>
internal sealed class BareEndpoint : IRelayEndpoint
{
    private readonly AsyncDuplexStreamingCall<RelayFrame, RelayFrame> _call;
    private readonly Task _reading;

    private BareEndpoint(AsyncDuplexStreamingCall<RelayFrame, RelayFrame> call, DeliveryCheck check, CancellationToken token)
    {
        _call = call;
        Check = check;
        _reading = ReadAsync(token);
    }

    public DeliveryCheck Check { get; }

    public int Retried => 0;

    public static async Task<BareEndpoint> OpenAsync(CallInvoker invoker, string pair, DeliveryCheck check, CancellationToken token)
    {
        var call = new BareRelay.BareRelayClient(invoker).Relay(cancellationToken: token);
        await call.RequestStream.WriteAsync(new RelayFrame { Pair = pair }, token);
        return new BareEndpoint(call, check, token);
    }

    public ValueTask SendAsync(long number, string text, CancellationToken token) =>
        new(_call.RequestStream.WriteAsync(new RelayFrame { Seq = number, Text = text }, token));

    public async ValueTask DisposeAsync()
    {
        _call.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is RpcException or OperationCanceledException)
        {
            // The stream ends with the run.
        }
    }

    private async Task ReadAsync(CancellationToken token)
    {
        await Task.Yield();
        while (await _call.ResponseStream.MoveNext(token))
        {
            var frame = _call.ResponseStream.Current;
            Check.Receive(frame.Seq, frame.Text);
        }
    }
}
