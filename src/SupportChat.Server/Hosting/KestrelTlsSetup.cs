using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SupportChat.Server.Configuration;

namespace SupportChat.Server.Hosting;

/// <summary>Kestrel and TLS: HTTP/2 only, the listen policy (plain text only on loopback unless --insecure), the
/// certificate from PEM files, keepalive pings and the per-connection stream limit.</summary>
internal static class KestrelTlsSetup
{
    public static void AddKestrelDefaults(this WebApplicationBuilder builder)
    {
        var tls = builder.Configuration.GetSection(TlsOptions.SectionName).Get<TlsOptions>() ?? new TlsOptions();
        var addresses = ListenPolicy.Addresses(builder.Configuration["Urls"] ?? "http://127.0.0.1:5000");
        var exposed = ListenPolicy.Check(addresses, tls);
        builder.Services.AddSingleton(new ListenFacts(ListenPolicy.LoopbackOnly(addresses), exposed));
        var certificate = tls.Enabled ? LoadCertificate(tls) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Plain-text HTTP/2 needs prior knowledge: there is no TLS negotiation to pick the protocol.
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2);
            if (certificate is not null)
            {
                kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate);
            }

            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(15);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(15);
            // One client gets a handful of streams, not thousands.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 100;
        });
    }

    private static X509Certificate2 LoadCertificate(TlsOptions tls)
    {
        try
        {
            var pem = X509Certificate2.CreateFromPemFile(tls.CertificatePath!, tls.KeyPath);
            // The key must live in a store the TLS stack can use; a PEM-loaded ephemeral key cannot on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"cannot load the TLS certificate {tls.CertificatePath} / key {tls.KeyPath}: {ex.Message}", ex);
        }
    }
}
