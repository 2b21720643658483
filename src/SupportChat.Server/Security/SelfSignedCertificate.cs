using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SupportChat.Server.Security;

/// <summary>A self-signed certificate for trying TLS: its own authority, so a client can trust exactly it (--ca).</summary>
public static class SelfSignedCertificate
{
    /// <summary>Writes cert.pem and key.pem (the key readable by the user only) into <paramref name="folder"/>, replacing
    /// any there (`certs create` asks for --force first).</summary>
    /// <returns>The two paths and the expiry.</returns>
    public static (string CertificatePath, string KeyPath, DateTime NotAfter) Write(string folder, IReadOnlyList<string> hosts)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hosts[0]}, O=SupportChat (self-signed)", key, HashAlgorithmName.SHA256);
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
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));

        Directory.CreateDirectory(folder);
        var certPath = Path.GetFullPath(Path.Combine(folder, "cert.pem"));
        var keyPath = Path.GetFullPath(Path.Combine(folder, "key.pem"));
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        // A replaced key is created anew: an existing file would keep whatever mode it had.
        File.Delete(keyPath);
        var keyOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var keyFile = new StreamWriter(keyPath, System.Text.Encoding.ASCII, keyOptions))
        {
            keyFile.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return (certPath, keyPath, certificate.NotAfter);
    }
}
