using System.CommandLine;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat certs create --out DIR [--host NAME]…</c>: a self-signed certificate for trying TLS.</summary>
internal static class CertsCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for cert.pem and key.pem.", Required = true, HelpName = "DIR" };
        var hosts = new Option<string[]>("--host")
        {
            Description = "A name or IP address clients use to reach the server; repeat for several (default: localhost, 127.0.0.1, ::1).",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var create = new Command("create", "Make a self-signed certificate and key (PEM) for trying TLS; clients trust it with --ca cert.pem.")
        {
            output, hosts,
        };
        create.SetAction(parse =>
        {
            var names = parse.GetValue(hosts) is { Length: > 0 } given ? given : ["localhost", "127.0.0.1", "::1"];
            return Write(parse.GetRequiredValue(output), names);
        });
        return new Command("certs", "Certificates for TLS.") { create };
    }

    private static int Write(string folder, string[] hosts)
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
        // Its own authority, so a client can trust exactly this certificate with --ca.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1));

        Directory.CreateDirectory(folder);
        var certPath = Path.GetFullPath(Path.Combine(folder, "cert.pem"));
        var keyPath = Path.GetFullPath(Path.Combine(folder, "key.pem"));
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        var keyOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var keyFile = new StreamWriter(keyPath, System.Text.Encoding.ASCII, keyOptions))
        {
            keyFile.Write(key.ExportPkcs8PrivateKeyPem());
        }

        Console.Out.WriteLine($"certificate: {certPath}");
        Console.Out.WriteLine($"key:         {keyPath} (keep it private)");
        Console.Out.WriteLine($"valid for:   {string.Join(", ", hosts)} until {certificate.NotAfter:yyyy-MM-dd}");
        Console.Out.WriteLine($"server:      supportchat serve --urls https://127.0.0.1:5001 --tls-cert {certPath} --tls-key {keyPath}");
        Console.Out.WriteLine($"clients:     supportchat agent --server https://127.0.0.1:5001 --ca {certPath} …");
        return ExitCodes.Ok;
    }
}
