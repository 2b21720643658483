using System.Net;

namespace SupportChat.Server.Hosting;

/// <summary>
/// Safe by default: plain HTTP/2 is only for this machine. A listen address that other machines can reach
/// must use TLS, unless the operator says --insecure.
/// </summary>
public static class ListenPolicy
{
    /// <summary>The listen addresses (the "Urls" setting, separated by ';').</summary>
    public static IReadOnlyList<Uri> Addresses(string urls) =>
        [.. urls.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse)];

    /// <summary>Throws <see cref="InvalidOperationException"/> with a message that says how to fix it when the
    /// addresses and the TLS settings do not go together.</summary>
    /// <returns>The plain-text addresses that are not loopback (allowed only with AllowInsecure).</returns>
    public static IReadOnlyList<Uri> Check(IReadOnlyList<Uri> addresses, TlsOptions tls)
    {
        if (tls.Enabled && (string.IsNullOrWhiteSpace(tls.CertificatePath) || string.IsNullOrWhiteSpace(tls.KeyPath)))
        {
            throw new InvalidOperationException("TLS needs both --tls-cert and --tls-key (PEM files).");
        }

        var https = addresses.Where(a => a.Scheme == Uri.UriSchemeHttps).ToList();
        if (https.Count > 0 && !tls.Enabled)
        {
            throw new InvalidOperationException(
                $"{https[0]} is an https address but no certificate is configured: give --tls-cert and --tls-key " +
                "(supportchat certs create makes a pair for trying it out).");
        }

        var exposed = addresses.Where(a => a.Scheme == Uri.UriSchemeHttp && !IsLoopback(a)).ToList();
        if (exposed.Count > 0 && !tls.AllowInsecure)
        {
            throw new InvalidOperationException(
                $"refusing to listen on {exposed[0]} without TLS: customers' messages and agents' tokens would cross the network " +
                "in clear text. Use an https:// address with --tls-cert and --tls-key (supportchat certs create makes a " +
                "pair for trying it out), listen on 127.0.0.1 only, or pass --insecure to accept the risk.");
        }

        return exposed;
    }

    /// <summary>Whether every address is reachable from this machine only.</summary>
    public static bool LoopbackOnly(IReadOnlyList<Uri> addresses) => addresses.All(IsLoopback);

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);

    private static Uri Parse(string url)
    {
        // Kestrel's wildcards are not valid URI hosts: they mean "every interface".
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"'{url}' is not a listen address; expected e.g. http://127.0.0.1:5000.");
    }
}
