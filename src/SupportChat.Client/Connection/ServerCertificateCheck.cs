using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using SupportChat.Client.Delivery;

namespace SupportChat.Client.Connection;

/// <summary>
/// Decides whether an https:// server's certificate is the one to trust: it must be made for the name in the address,
/// and chain to the given authority (--ca) or, without one, to the system's. A refusal is thrown with its reason, so a
/// name that does not match is told apart from an authority that does not.
/// </summary>
internal sealed class ServerCertificateCheck(Uri address, string? authorityPath, X509Certificate2? authority)
{
    /// <returns>True for a certificate to trust.</returns>
    /// <exception cref="CertificateRejectedException">Any other.</exception>
    public bool Verify(X509Certificate? presented, SslPolicyErrors errors)
    {
        if (presented is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            throw new CertificateRejectedException($"{address} presented no certificate");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            using var certificate = new X509Certificate2(presented);
            throw new CertificateRejectedException(
                $"the certificate of {address} is for {string.Join(", ", NamesIn(certificate))}, not {address.Host}: connect by a name " +
                $"it was made for, or give the server a certificate made for {address.Host} (supportchat certs create --host {address.Host.Trim('[', ']')})");
        }

        if (authority is null)
        {
            return errors == SslPolicyErrors.None ? true : throw new CertificateRejectedException(
                $"the certificate of {address} is not trusted by this machine (give its certificate or CA with --ca)");
        }

        return ChainsTo(authority, presented) ? true : throw new CertificateRejectedException(
            $"the certificate of {address} is not trusted: {authorityPath} did not issue it (give the certificate or CA the server uses with --ca)");
    }

    /// <summary>The chain must end at the given authority, and nowhere else.</summary>
    private static bool ChainsTo(X509Certificate2 authority, X509Certificate presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(presented);
        return chain.Build(leaf);
    }

    private static IEnumerable<string> NamesIn(X509Certificate2 certificate)
    {
        var alternative = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var names = alternative is null
            ? []
            : alternative.EnumerateDnsNames().Concat(alternative.EnumerateIPAddresses().Select(ip => ip.ToString())).ToList();
        return names.Count > 0 ? names : [certificate.GetNameInfo(X509NameType.DnsName, forIssuer: false)];
    }
}
