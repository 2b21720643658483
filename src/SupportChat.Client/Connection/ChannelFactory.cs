using Grpc.Net.Client;

namespace SupportChat.Client.Connection;

/// <summary>gRPC channels with HTTP/2 keepalive, so a dead connection is noticed within about 30 s.</summary>
internal static class ChannelFactory
{
    public static GrpcChannel Create(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = true,
        },
        MaxReceiveMessageSize = 16 * 1024 * 1024,
        // Sessions back off (with jitter) themselves; the channel only needs to be quick to try again once
        // a restarted server is back.
        InitialReconnectBackoff = TimeSpan.FromMilliseconds(200),
        MaxReconnectBackoff = TimeSpan.FromSeconds(2),
    });
}
