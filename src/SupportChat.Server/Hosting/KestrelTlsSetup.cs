using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using SupportChat.Server.Configuration;

namespace SupportChat.Server.Hosting;

/// <summary>Kestrel and TLS: the gRPC listener on HTTP/2 only and the web listener (if on) on HTTP/1.1, and HTTP/2 too with TLS, each on
/// ports of its own; the listen policy (plain text only on loopback unless --insecure) for both; the certificate from PEM
/// files; keepalive pings and the per-connection stream limit.</summary>
internal static class KestrelTlsSetup
{
    public static void AddKestrelDefaults(this WebApplicationBuilder builder)
    {
        var tls = builder.Configuration.GetSection(TlsOptions.SectionName).Get<TlsOptions>() ?? new TlsOptions();
        var web = builder.Configuration.GetSection(WebOptions.SectionName).Get<WebOptions>() ?? new WebOptions();
        var addresses = ListenPolicy.Addresses(builder.Configuration["Urls"] ?? "http://127.0.0.1:5000");
        var webAddresses = web.Addresses();
        CheckSeparatePorts(addresses, webAddresses);
        var metricsAddresses = (builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions()).Addresses();
        CheckSeparatePorts([.. addresses, .. webAddresses], metricsAddresses, "metrics", "--metrics-urls");
        IReadOnlyList<Uri> all = [.. addresses, .. webAddresses];
        var exposed = ListenPolicy.Check(all, tls);

        // History's open mode (no accounts) depends on this: the web listener serves History too.
        builder.Services.AddSingleton(new ListenFacts(ListenPolicy.LoopbackOnly(all), exposed));
        var certificate = tls.Enabled ? LoadCertificate(tls) : null;
        var webListener = new WebListener();
        builder.Services.AddSingleton(webListener);
        var metricsListener = new MetricsListener();
        builder.Services.AddSingleton(metricsListener);

        // Every endpoint is configured below; the host's own "urls" would only make Kestrel warn that it overrides them.
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Empty);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var address in addresses)
            {
                // Plain-text HTTP/2 needs prior knowledge: there is no TLS negotiation to pick the protocol.
                Listen(kestrel, address, HttpProtocols.Http2, certificate, _ => { });
            }

            foreach (var address in webAddresses)
            {
                // Browsers speak HTTP/1.1 to a plain-text address (cleartext HTTP/2 is never negotiated with them), so this
                // listener cannot share the gRPC listener's h2c port. HTTP/2 only where TLS can negotiate it: offering it on
                // plain text would only make Kestrel warn at every start that it cannot.
                var protocols = address.Scheme == Uri.UriSchemeHttps ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                Listen(kestrel, address, protocols, certificate, options => webListener.Add(address, options));
            }

            // Scrapers speak HTTP/1.1. The TLS rule above is not applied here: no chat text or token crosses this listener,
            // and the operator named each of its addresses (MetricsExposure).
            foreach (var address in metricsAddresses)
            {
                Listen(kestrel, address, HttpProtocols.Http1, certificate, options => metricsListener.Ports.Add(address, options));
            }

            kestrel.Limits.Http2.KeepAlivePingDelay = TimeSpan.FromSeconds(15);
            kestrel.Limits.Http2.KeepAlivePingTimeout = TimeSpan.FromSeconds(15);
            // One client gets a handful of streams, not thousands.
            kestrel.Limits.Http2.MaxStreamsPerConnection = 100;
        });
    }

    private static void Listen(KestrelServerOptions kestrel, Uri address, HttpProtocols protocols, X509Certificate2? certificate,
        Action<ListenOptions> added)
    {
        void Configure(ListenOptions options)
        {
            options.Protocols = protocols;
            if (address.Scheme == Uri.UriSchemeHttps)
            {
                options.UseHttps(certificate!); // ListenPolicy.Check refused https without a certificate
            }

            added(options);
        }

        var host = address.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port, Configure);
        }
        else if (IPAddress.TryParse(host, out var ip))
        {
            kestrel.Listen(ip, address.Port, Configure);
        }
        else
        {
            // As Kestrel does for a host name in its URLs: every interface.
            kestrel.ListenAnyIP(address.Port, Configure);
        }
    }

    private static void CheckSeparatePorts(IReadOnlyList<Uri> grpc, IReadOnlyList<Uri> web, string name = "web", string option = "--web-urls")
    {
        foreach (var address in web)
        {
            if (address.Port != 0 && grpc.Any(g => g.Port == address.Port))
            {
                throw new InvalidOperationException(
                    $"the {name} listener {address} needs a port of its own, not another listener's ({address.Port}): give {option} another port.");
            }
        }
    }

    private static X509Certificate2 LoadCertificate(TlsOptions tls)
    {
        try
        {
            var pem = X509Certificate2.CreateFromPemFile(tls.CertificatePath!, tls.KeyPath);
            // (A file that holds no PEM of the expected kind is an ArgumentException.) The key must live in a store the TLS stack can use; a PEM-loaded ephemeral key cannot on every platform.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            // No inner exception: the start-up message is the innermost one's, and this one names the files.
            throw new InvalidOperationException($"cannot load the TLS certificate {tls.CertificatePath} / key {tls.KeyPath}: {ex.Message}");
        }
    }
}
