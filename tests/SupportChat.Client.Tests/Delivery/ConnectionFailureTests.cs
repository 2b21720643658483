using System.Net.Http;
using System.Net.Sockets;
using Grpc.Core;
using SupportChat.Client.Delivery;

namespace SupportChat.Client.Tests.Delivery;

/// <summary>Failures to reach a server, as gRPC reports them (Unavailable, the transport's exception inside), told
/// apart: each says what is wrong and what to do, in one line.</summary>
public sealed class ConnectionFailureTests
{
    private static readonly Uri Plain = new("http://chat.example:5000/");

    [Fact]
    public void Nothing_listening_says_to_start_the_server_or_check_the_address() =>
        Assert.Equal("nothing is listening at http://chat.example:5000 (connection refused): start the server there with 'supportchat serve', or check --server",
            Describe(new SocketException((int)SocketError.ConnectionRefused)));

    [Fact]
    public void An_unknown_host_says_to_check_the_address() =>
        Assert.Equal("unknown host 'chat.example' in http://chat.example:5000: check the address given to --server",
            Describe(new SocketException((int)SocketError.HostNotFound)));

    [Fact]
    public void Plain_http2_refused_by_a_tls_port_says_to_use_https()
    {
        var handshake = new HttpRequestException(HttpRequestError.InvalidResponse, "An HTTP/2 connection could not be established.",
            new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."));

        Assert.Equal("http://chat.example:5000 does not answer plain HTTP/2; if the server uses TLS, connect to https://chat.example:5000 (and give --ca for a self-signed certificate)",
            Describe(handshake));
        Assert.StartsWith("http://chat.example:5000 does not answer plain HTTP/2", Describe(new HttpIOException(HttpRequestError.InvalidResponse, "no handshake")));
    }

    [Fact]
    public void Anything_else_names_the_cause_once()
    {
        var message = Describe(new IOException("the network is on fire"));

        Assert.Equal("cannot reach http://chat.example:5000/ (the network is on fire): check --server, and that 'supportchat serve' is running there", message);
    }

    [Fact]
    public void While_reconnecting_the_cause_is_short() =>
        Assert.Equal("cannot reach http://chat.example:5000/ (connection refused)",
            StreamOutcome.Describe(Unavailable(new SocketException((int)SocketError.ConnectionRefused)), Plain, wasConnected: false, reconnecting: true));

    [Fact]
    public void The_servers_own_words_are_kept() =>
        Assert.Equal("the server is shutting down.",
            StreamOutcome.Describe(new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down.")), Plain, wasConnected: true));

    private static string Describe(Exception transport) => StreamOutcome.Describe(Unavailable(transport), Plain, wasConnected: false);

    private static RpcException Unavailable(Exception transport) =>
        new(new Status(StatusCode.Unavailable, "Error connecting to subchannel.", transport));
}
