using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;

namespace SupportChat.Client.Connection;

/// <summary>gRPC channels with HTTP/2 keepalive (a dead connection is noticed within about 30 s), an optional
/// private certificate authority for https://, and an optional bearer token on every call.</summary>
internal static class ChannelFactory
{
    public static GrpcChannel Create(Uri address, ConnectionOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            KeepAlivePingDelay = TimeSpan.FromSeconds(15),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(15),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            EnableMultipleHttp2Connections = true,
        };
        var authority = options.CaCertificatePath is { } caPath ? LoadAuthority(caPath) : null;
        if (address.Scheme == Uri.UriSchemeHttps)
        {
            var check = new ServerCertificateCheck(address, options.CaCertificatePath, authority);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => check.Verify(certificate, errors);
        }

        var channelOptions = new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = 16 * 1024 * 1024,
            // Sessions back off (with jitter) themselves; the channel only needs to be quick to try again once
            // a restarted server is back.
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(200),
            MaxReconnectBackoff = TimeSpan.FromSeconds(2),
        };
        if (options.Token is { Length: > 0 } token)
        {
            var bearer = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {token}");
                return Task.CompletedTask;
            });
            channelOptions.Credentials = address.Scheme == Uri.UriSchemeHttps
                ? ChannelCredentials.Create(ChannelCredentials.SecureSsl, bearer)
                : ChannelCredentials.Create(ChannelCredentials.Insecure, bearer);
            // Plain HTTP/2 is allowed only on loopback by the server; a token may go there unencrypted.
            channelOptions.UnsafeUseInsecureChannelCallCredentials = address.Scheme == Uri.UriSchemeHttp;
        }

        return GrpcChannel.ForAddress(address, channelOptions);
    }

    private static X509Certificate2 LoadAuthority(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"cannot read the CA certificate {path}: {ex.Message}", nameof(path), ex);
        }
    }
}
