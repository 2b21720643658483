using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SupportChat.Client.Connection;
using SupportChat.Client.Delivery;

namespace SupportChat.Client.Tests.Connection;

/// <summary>The client's verdict on a server certificate, and the reason it gives for a refusal, for each way TLS can
/// fail; the handshake itself is exercised end to end in tests/SupportChat.EndToEnd.Tests/TlsTests.cs.</summary>
public sealed class ServerCertificateCheckTests
{
    private static readonly Uri Address = new("https://127.0.0.1:5001");

    [Fact]
    public void Verify_NameMismatch_SaysWhichNamesTheCertificateHasAndWhichWasUsed()
    {
        using var server = SelfSigned("chat.example.com", "10.0.0.5");
        var check = new ServerCertificateCheck(Address, "ca.pem", server);

        var refused = Assert.Throws<CertificateRejectedException>(() => check.Verify(server, SslPolicyErrors.RemoteCertificateNameMismatch));

        Assert.StartsWith("the certificate of https://127.0.0.1:5001/ is for chat.example.com, 10.0.0.5, not 127.0.0.1:", refused.Message);
        Assert.Contains("certs create --host 127.0.0.1", refused.Message);
    }

    [Fact]
    public void Verify_WithAnAuthority_TrustsWhatItIssuedAndSaysSoForAnythingElse()
    {
        using var server = SelfSigned("127.0.0.1");
        using var other = SelfSigned("127.0.0.1");
        var check = new ServerCertificateCheck(Address, "ca.pem", server);

        // The system cannot build a chain to a private authority; that is what --ca is for.
        Assert.True(check.Verify(server, SslPolicyErrors.RemoteCertificateChainErrors));
        var refused = Assert.Throws<CertificateRejectedException>(() => check.Verify(other, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("is not trusted: ca.pem did not issue it", refused.Message);
    }

    [Fact]
    public void Verify_WithoutAnAuthority_FollowsTheSystemsVerdict()
    {
        using var server = SelfSigned("127.0.0.1");
        var check = new ServerCertificateCheck(Address, null, null);

        Assert.True(check.Verify(server, SslPolicyErrors.None));
        var refused = Assert.Throws<CertificateRejectedException>(() => check.Verify(server, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Contains("not trusted by this machine", refused.Message);
        Assert.Contains("--ca", refused.Message);
    }

    [Fact]
    public void Verify_NoCertificate_IsRefused()
    {
        var check = new ServerCertificateCheck(Address, null, null);

        Assert.Throws<CertificateRejectedException>(() => check.Verify(null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    private static X509Certificate2 SelfSigned(params string[] hosts)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hosts[0]}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var host in hosts)
        {
            if (IPAddress.TryParse(host, out var ip))
            {
                names.AddIpAddress(ip);
            }
            else
            {
                names.AddDnsName(host);
            }
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));
    }
}
