using System.CommandLine;
using SupportChat.Cli.Exit;
using SupportChat.Server.Security;

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
        var (certPath, keyPath, notAfter) = SelfSignedCertificate.Write(folder, hosts);
        Console.Out.WriteLine($"certificate: {certPath}");
        Console.Out.WriteLine($"key:         {keyPath} (keep it private)");
        Console.Out.WriteLine($"valid for:   {string.Join(", ", hosts)} until {notAfter:yyyy-MM-dd}");
        Console.Out.WriteLine($"server:      supportchat serve --urls https://127.0.0.1:5001 --tls-cert {certPath} --tls-key {keyPath}");
        Console.Out.WriteLine($"clients:     supportchat agent --server https://127.0.0.1:5001 --ca {certPath} …");
        return ExitCodes.Ok;
    }
}
