using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client;
using SupportChat.Client.Connection;

namespace SupportChat.Bench.Targets;

/// <summary>
/// The connections a bench spreads its streams over: a few dozen streams per HTTP/2 connection (as many users'
/// clients would), round robin over the given servers.
/// </summary>
internal sealed class BenchChannels : IDisposable
{
    private readonly int _perConnection;
    private readonly List<GrpcChannel> _channels = [];
    private int _next;

    public BenchChannels(IReadOnlyList<string> servers, int streams, int streamsPerConnection, string? caCertificatePath = null)
    {
        _perConnection = streamsPerConnection;
        var count = Math.Max(servers.Count, (streams + streamsPerConnection - 1) / streamsPerConnection);
        for (var i = 0; i < count; i++)
        {
            _channels.Add(SupportChatChannels.Create(servers[i % servers.Count], new ConnectionOptions(caCertificatePath)));
        }
    }

    /// <summary>The invoker for the next stream: each connection gets its share in turn.</summary>
    public CallInvoker Next()
    {
        var index = Interlocked.Increment(ref _next) - 1;
        return _channels[index / _perConnection % _channels.Count].CreateCallInvoker();
    }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
