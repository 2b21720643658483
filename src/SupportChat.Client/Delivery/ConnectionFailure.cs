using System.Net.Http;
using System.Net.Sockets;

namespace SupportChat.Client.Delivery;

/// <summary>
/// Why a server could not be reached, read from the transport's exceptions: gRPC reports all of these as Unavailable
/// ("Error connecting to subchannel."), but a server that is not running, an unknown host and plain HTTP/2 sent to a
/// TLS port each call for something different to be done. <see cref="Cause"/> is a few words for a reconnect notice;
/// <see cref="Advice"/> one line for a failed start, saying what to do.
/// </summary>
internal sealed record ConnectionFailure(string Cause, string Advice)
{
    /// <summary>The failure the exception chain shows, or null when it is none of the known ones.</summary>
    public static ConnectionFailure? Of(Exception? transport, Uri address)
    {
        var origin = address.GetLeftPart(UriPartial.Authority);
        for (var e = transport; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return new("connection refused",
                        $"nothing is listening at {origin} (connection refused): start the server there with 'supportchat serve', or check --server");
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }:
                    return new("unknown host", $"unknown host '{address.Host}' in {origin}: check the address given to --server");
                case SocketException { SocketErrorCode: SocketError.TimedOut or SocketError.HostUnreachable or SocketError.NetworkUnreachable } s:
                    return new(s.Message, $"no answer from {origin} ({s.Message}): check the address given to --server, and the network");
                case HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded or HttpRequestError.HttpProtocolError }
                    or HttpIOException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded or HttpRequestError.HttpProtocolError }
                    when address.Scheme == Uri.UriSchemeHttp:
                    // A TLS listener takes the plain HTTP/2 preface for a broken handshake and hangs up.
                    return new("no plain HTTP/2 there",
                        $"{origin} does not answer plain HTTP/2; if the server uses TLS, connect to https://{address.Authority} (and give --ca for a self-signed certificate)");
            }
        }

        return null;
    }

    /// <summary>The innermost message of a failure none of the known ones explain, for "cannot reach X (…)".</summary>
    public static string Innermost(Exception? transport)
    {
        var message = string.Empty;
        for (var e = transport; e is not null; e = e.InnerException)
        {
            message = e.Message;
        }

        return message;
    }
}
